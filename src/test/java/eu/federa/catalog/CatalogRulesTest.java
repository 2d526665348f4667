package eu.federa.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.PciDevice;
import eu.federa.platform.validation.FieldError;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogRulesTest {

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aGoodImageSizeAndModelPass() {
    assertThat(CatalogRules.of(new Image("debian-13", "Debian", "13", "x86_64", Image.VM)))
        .isEmpty();
    assertThat(
            CatalogRules.of(
                new Size(
                    "g-h100",
                    "GPU H100",
                    16,
                    131072,
                    200,
                    2,
                    PciDevice.CLASS_3D_CONTROLLER,
                    "H100",
                    80)))
        .isEmpty();
    assertThat(
            CatalogRules.of(
                new Model(
                    "mistral-7b", "Mistral 7B", new BigDecimal("7.3"), "Apache-2.0", 24, 32768)))
        .isEmpty();
  }

  @Test
  void codesAreShortLowerCaseWordsWithoutSpacesOrMarkup() {
    assertThat(CatalogRules.isCode("debian-13.1")).isTrue();
    assertThat(CatalogRules.isCode("Debian")).isFalse();
    assertThat(CatalogRules.isCode("a")).isFalse();
    assertThat(CatalogRules.isCode("<script>")).isFalse();
    assertThat(CatalogRules.isCode("x".repeat(41))).isFalse();
    assertThat(CatalogRules.isCode(null)).isFalse();
  }

  @Test
  void everyBadFieldOfASizeIsNamed() {
    Size bad = new Size("S 1", "", 0, 512, 0, 17, "gpu", null, 0);
    assertThat(fields(CatalogRules.of(bad)))
        .containsExactlyInAnyOrder(
            "code", "name", "vcpu", "memory", "disk", "gpus", "gpuClass", "gpuMemory");
    // The code, name, vCPU and GPU count are the record's constraints, told in the reader's
    // language.
    assertThat(
            CatalogRules.of(bad).stream()
                .filter(e -> e.isConstraint())
                .map(e -> e.field() + ":" + e.messageKey()))
        .containsExactlyInAnyOrder(
            "code:{federa.catalog.code}",
            "name:{federa.text.required}",
            "vcpu:{federa.range}",
            "gpus:{federa.range}");
    assertThat(
            CatalogRules.of(bad).stream()
                .filter(e -> "vcpu".equals(e.field()))
                .findFirst()
                .orElseThrow()
                .text(null, java.util.Locale.FRENCH))
        .isEqualTo("Saisissez un nombre de 1 \u00e0 512.");
    // Without GPUs, the GPU class and memory are not asked for.
    assertThat(fields(CatalogRules.of(new Size("s-1", "Small", 1, 1024, 10, 0, null, null, 0))))
        .isEmpty();
  }

  @Test
  void anImageOfAnUnknownPurposeAndAnAbsurdModelAreRefused() {
    assertThat(fields(CatalogRules.of(new Image("x-1", "X", "1", "x86_64", "MINING"))))
        .containsExactly("purpose");
    assertThat(
            fields(
                CatalogRules.of(new Model("big", "Big", new BigDecimal("20000"), "MIT", 0, 100))))
        .containsExactlyInAnyOrder("parameters", "gpuMemory", "context");
  }

  @Test
  void aGpuSizeWithoutAModelIsShownWithoutOne() {
    // A GPU size may leave the model open (any of its class): the catalog page showed it with
    // String.concat(null) and failed for every user.
    assertThat(new Size("g-any", "Any GPU", 8, 65536, 100, 1, "0302", null, 48).gpuLabel())
        .isEqualTo("1");
    assertThat(new Size("g-h100", "H100", 16, 131072, 200, 2, "0302", "H100", 80).gpuLabel())
        .isEqualTo("2 \u00d7 H100");
    assertThat(new Size("s-2", "Small", 2, 4096, 20, 0, null, null, 0).gpuLabel())
        .isEqualTo("\u2014");
  }
}
