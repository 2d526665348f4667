package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretSealTest {

  private final String oldKey = SecretSeal.newKey("2026-a");
  private final String newKey = SecretSeal.newKey("2026-b");

  @Test
  void aSealedSecretIsNotReadableAndOpensToTheSame() {
    SecretSeal seal = SecretSeal.of(oldKey);
    String sealed = seal.seal("oneadmin-password");
    assertThat(sealed).startsWith("sealed:v1:2026-a:").doesNotContain("oneadmin-password");
    assertThat(seal.seal("oneadmin-password")).isNotEqualTo(sealed); // a new IV each time
    assertThat(seal.open(sealed)).isEqualTo("oneadmin-password");
    assertThat(seal.isCurrent(sealed)).isTrue();
  }

  @Test
  void aRotatedRingOpensOldValuesAndTellsWhatToSealAgain() {
    String sealedBefore = SecretSeal.of(oldKey).seal("s3cret");
    SecretSeal rotated = SecretSeal.of(newKey + "," + oldKey);
    assertThat(rotated.open(sealedBefore)).isEqualTo("s3cret");
    assertThat(rotated.isCurrent(sealedBefore)).isFalse();
    String resealed = rotated.seal(rotated.open(sealedBefore));
    assertThat(rotated.isCurrent(resealed)).isTrue();
    // Once the old key has left the ring, only values sealed again open.
    SecretSeal onlyNew = SecretSeal.of(newKey);
    assertThat(onlyNew.open(resealed)).isEqualTo("s3cret");
    assertThatThrownBy(() -> onlyNew.open(sealedBefore))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2026-a");
  }

  @Test
  void aValueFromBeforeSealingIsReadAsItIsAndMarkedForSealing() {
    SecretSeal seal = SecretSeal.of(oldKey);
    assertThat(seal.open("legacy-plain")).isEqualTo("legacy-plain");
    assertThat(seal.isCurrent("legacy-plain")).isFalse();
  }

  @Test
  void anAlteredValueDoesNotOpen() {
    SecretSeal seal = SecretSeal.of(oldKey);
    String sealed = seal.seal("s3cret");
    String altered = sealed.substring(0, sealed.length() - 4) + "AAAA";
    assertThatThrownBy(() -> seal.open(altered)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBadRingIsRefusedWithoutShowingAKey() {
    assertThatThrownBy(() -> SecretSeal.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FEDERA_SECRET_KEYS is not set");
    assertThatThrownBy(() -> SecretSeal.of("k1:c2hvcnQ="))
        .hasMessageContaining("not 32 bytes")
        .hasMessageNotContaining("c2hvcnQ");
    assertThatThrownBy(() -> SecretSeal.of(oldKey + "," + oldKey)).hasMessageContaining("twice");
    assertThat(SecretSeal.of(oldKey).toString()).doesNotContain(oldKey.substring(7));
  }
}
