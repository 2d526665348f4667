package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.platform.i18n.SupportedLanguages;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Issue #19: a provider's failed sync is named in the admin's language, by its kind. */
class ProviderErrorTest {

  @Test
  void eachFailureHasItsKind() {
    assertThat(
            ProviderError.of(
                new CloudTransportException(
                    "one.system.version",
                    CloudTransportException.Kind.UNREACHABLE,
                    "one.system.version: connection refused",
                    null)))
        .isEqualTo(ProviderError.UNREACHABLE);
    assertThat(
            ProviderError.of(
                new CloudTransportException(
                    "one.hostpool.info", CloudTransportException.Kind.CIRCUIT_OPEN, "open", null)))
        .isEqualTo(ProviderError.CIRCUIT_OPEN);
    assertThat(
            ProviderError.of(
                CloudApiException.of(
                    "one.system.version",
                    CloudApiException.AUTHENTICATION,
                    "[one.system.version] User couldn't be authenticated, aborting call.",
                    -1)))
        .as("refused credentials are said as such: the admin has something to fix")
        .isEqualTo(ProviderError.CREDENTIALS);
    assertThat(
            ProviderError.of(
                CloudApiException.of(
                    "one.hostpool.info", CloudApiException.AUTHORIZATION, "Not authorized", -1)))
        .isEqualTo(ProviderError.REFUSED);
    for (CloudTransportException.Kind kind : CloudTransportException.Kind.values()) {
      assertThat(ProviderError.of(new CloudTransportException("m", kind, "x", null)).name())
          .isEqualTo(kind.name());
    }
  }

  @Test
  void everyKindHasItsWordsInEveryLanguage() {
    ResourceBundle english =
        ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.ROOT);
    for (Locale language : SupportedLanguages.ALL) {
      ResourceBundle bundle =
          ResourceBundle.getBundle("eu.federa.platform.i18n.messages", language);
      for (ProviderError kind : ProviderError.values()) {
        String key = "provider.syncError." + kind.name();
        assertThat(bundle.getString(key)).as("%s in %s", key, language).isNotBlank();
        if (!language.equals(Locale.ENGLISH)) {
          assertThat(bundle.getString(key))
              .as("%s translated in %s", key, language)
              .isNotEqualTo(english.getString(key));
        }
      }
    }
    assertThat(Arrays.stream(ProviderError.values())).hasSize(7);
  }
}
