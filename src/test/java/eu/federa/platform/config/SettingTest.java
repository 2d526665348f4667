package eu.federa.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingTest {

  @Test
  void systemPropertyWinsOverEnvironment() {
    assertThat(Setting.OIDC_PROVIDER_URL.resolve("http://a/realms/x", "http://b/realms/y"))
        .isEqualTo("http://a/realms/x");
  }

  @Test
  void environmentIsUsedWhenNoPropertyIsSet() {
    assertThat(Setting.OIDC_PROVIDER_URL.resolve(null, " http://b/realms/y "))
        .isEqualTo("http://b/realms/y");
  }

  @Test
  void blankValuesFallBackToTheDocumentedDefault() {
    assertThat(Setting.OIDC_PROVIDER_URL.resolve("  ", ""))
        .isEqualTo("http://127.0.0.1:8180/realms/federa");
  }
}
