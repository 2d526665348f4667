package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A signed link holds only for what it was signed for, under the keys it was signed with. */
class LinkSignerTest {

  private static final String KEYS = SecretSeal.newKey("2026-a");

  @Test
  void aSignatureChecksOnlyForItsMessageItsPurposeAndItsKeys() {
    String signature = LinkSigner.sign(KEYS, "console", "ada\n1\n42\n1796130000");

    assertThat(signature).matches("[A-Za-z0-9_-]{43}"); // URL-safe, 256 bits
    assertThat(LinkSigner.verify(KEYS, "console", "ada\n1\n42\n1796130000", signature)).isTrue();
    // Another person, VM or expiry; another purpose; other keys; no signature: no.
    assertThat(LinkSigner.verify(KEYS, "console", "max\n1\n42\n1796130000", signature)).isFalse();
    assertThat(LinkSigner.verify(KEYS, "console", "ada\n1\n43\n1796130000", signature)).isFalse();
    assertThat(LinkSigner.verify(KEYS, "console", "ada\n1\n42\n1796139999", signature)).isFalse();
    assertThat(LinkSigner.verify(KEYS, "download", "ada\n1\n42\n1796130000", signature)).isFalse();
    assertThat(
            LinkSigner.verify(
                SecretSeal.newKey("2026-b"), "console", "ada\n1\n42\n1796130000", signature))
        .isFalse();
    assertThat(LinkSigner.verify(KEYS, "console", "ada\n1\n42\n1796130000", null)).isFalse();
  }
}
