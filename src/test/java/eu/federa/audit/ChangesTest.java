package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangesTest {

  record Form(String name, String apiSecret, BigDecimal price, List<String> labels, Integer cpu) {}

  record Other(String name) {}

  @Test
  void onlyWhatChangedIsWrittenWithItsValueBeforeAndAfter() {
    Form before = new Form("Nord", "", new BigDecimal("2.50"), List.of("C5"), 4);
    Form after = new Form("Nord Cloud", "", new BigDecimal("2.5"), List.of("C5", "HDS"), null);
    assertThat(Changes.between(before, after, Set.of("apiSecret")))
        .isEqualTo(
            "name: Nord \u2192 Nord Cloud; labels: [C5] \u2192 [C5, HDS]; cpu: 4 \u2192 none");
  }

  @Test
  void aSecretIsNeverWrittenOnlyThatItChanged() {
    Form before = new Form("Nord", "", BigDecimal.ONE, List.of(), 1);
    Form after = new Form("Nord", "s3cret-value", BigDecimal.ONE, List.of(), 1);
    assertThat(Changes.between(before, after, Set.of("apiSecret"))).isEqualTo("apiSecret: changed");
    assertThat(Changes.created(after, Set.of("apiSecret")))
        .contains("apiSecret: set")
        .doesNotContain("s3cret");
    assertThat(Changes.between(before, before, Set.of("apiSecret"))).isEqualTo("nothing changed");
    assertThat(Changes.between(before, before, Set.of(), List.of("apiSecret: changed")))
        .isEqualTo("apiSecret: changed");
  }

  @Test
  void twoKindsOfRecordAreRefused() {
    assertThatThrownBy(
            () -> Changes.between(new Other("a"), new Form(null, null, null, null, null), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
