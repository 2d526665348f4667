package eu.federa.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class SettingTest {

  /** A MicroProfile Config with system properties above the environment, as in WildFly. */
  private static Config config(Map<String, String> properties, Map<String, String> environment) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "properties", 400))
        .withSources(new EnvConfigSource(environment, 300))
        .build();
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() {
    Config config =
        config(
            Map.of("federa.oidc.provider-url", "http://a/realms/x"),
            Map.of("OIDC_PROVIDER_URL", "http://b/realms/y"));
    assertThat(Setting.OIDC_PROVIDER_URL.read(config)).isEqualTo("http://a/realms/x");
  }

  @Test
  void theDocumentedEnvironmentVariableIsUsedWhenNoPropertyIsSet() {
    Config config = config(Map.of(), Map.of("OIDC_PROVIDER_URL", " http://b/realms/y "));
    assertThat(Setting.OIDC_PROVIDER_URL.read(config)).isEqualTo("http://b/realms/y");
  }

  @Test
  void blankValuesFallBackToTheDocumentedDefault() {
    Config config =
        config(Map.of("federa.oidc.provider-url", "  "), Map.of("OIDC_PROVIDER_URL", ""));
    assertThat(Setting.OIDC_PROVIDER_URL.read(config))
        .isEqualTo("http://127.0.0.1:8180/realms/federa");
    assertThat(Setting.RECONCILE_INTERVAL_SECONDS.read(config(Map.of(), Map.of()))).isEqualTo("60");
  }

  @Test
  void everySettingNamesTheEnvironmentVariableTheReadmeDocuments() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (Setting setting : Setting.values()) {
      assertThat(readme).contains("| `" + setting.environmentVariable() + "` |");
    }
    assertThat(Setting.RECONCILE_INTERVAL_SECONDS.environmentVariable())
        .isEqualTo("FEDERA_RECONCILE_INTERVAL_SECONDS");
  }

  @Test
  void aBadValueIsAnErrorNamingTheSettingNeverASilentDefault() {
    Map<String, String> bad = new HashMap<>();
    bad.put("federa.reconcile.interval-seconds", "sixty");
    assertThatThrownBy(() -> Setting.RECONCILE_INTERVAL_SECONDS.read(config(bad, Map.of())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("federa.reconcile.interval-seconds")
        .hasMessageContaining("FEDERA_RECONCILE_INTERVAL_SECONDS")
        .hasMessageContaining("'sixty'")
        .hasMessageContaining("a whole number of at least 1")
        .hasMessageContaining("default 60");
    assertThatThrownBy(
            () ->
                Setting.RECONCILE_INTERVAL_SECONDS.read(
                    config(Map.of("federa.reconcile.interval-seconds", "0"), Map.of())))
        .isInstanceOf(InvalidSettingException.class);
    for (String notANumber : new String[] {"1234567890", "+5", "-5", "5 5", "5s", "\u0665"}) {
      assertThatThrownBy(
              () ->
                  Setting.RECONCILE_INTERVAL_SECONDS.read(
                      config(Map.of("federa.reconcile.interval-seconds", notANumber), Map.of())))
          .as(notANumber)
          .isInstanceOf(InvalidSettingException.class);
    }
    assertThat(
            Setting.RECONCILE_INTERVAL_SECONDS.read(
                config(Map.of("federa.reconcile.interval-seconds", "999999999"), Map.of())))
        .isEqualTo("999999999");
    for (String notACountry : new String[] {"fr", "F", "FRA", "F1"}) {
      assertThatThrownBy(
              () ->
                  Setting.INVOICE_SELLER_COUNTRY.read(
                      config(Map.of("federa.invoice.seller-country", notACountry), Map.of())))
          .as(notACountry)
          .isInstanceOf(InvalidSettingException.class);
    }
    assertThatThrownBy(
            () ->
                Setting.PUBLIC_URL.read(
                    config(Map.of(), Map.of("FEDERA_PUBLIC_URL", "cloud.example.eu"))))
        .hasMessageContaining("an absolute http or https address");
    assertThatThrownBy(
            () ->
                Setting.INVOICE_SELLER_COUNTRY.read(
                    config(Map.of("federa.invoice.seller-country", "France"), Map.of())))
        .hasMessageContaining("two-letter country code");
  }

  @Test
  void theBackupHourIsAWholeHourOfTheDay() {
    assertThat(Setting.BACKUP_HOUR_UTC.read(config(Map.of(), Map.of()))).isEqualTo("2");
    assertThat(
            Setting.BACKUP_HOUR_UTC.read(config(Map.of("federa.backup.hour-utc", "0"), Map.of())))
        .isEqualTo("0");
    assertThat(
            Setting.BACKUP_HOUR_UTC.read(config(Map.of(), Map.of("FEDERA_BACKUP_HOUR_UTC", "23"))))
        .isEqualTo("23");
    for (String bad : new String[] {"24", "-1", "2am"}) {
      assertThatThrownBy(
              () ->
                  Setting.BACKUP_HOUR_UTC.read(
                      config(Map.of("federa.backup.hour-utc", bad), Map.of())))
          .as(bad)
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("a whole hour from 0 to 23");
    }
  }

  @Test
  void aSecretIsNeverRepeatedInTheMessage() {
    // SECRET_KEYS is free text here (SecretSeal checks its form); the rule is the message's.
    assertThat(Setting.SECRET_KEYS.read(config(Map.of("federa.secret-keys", "k:abc"), Map.of())))
        .isEqualTo("k:abc");
  }
}
