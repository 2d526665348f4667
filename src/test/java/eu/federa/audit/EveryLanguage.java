package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.SupportedLanguages;
import java.util.Collection;
import java.util.Locale;
import java.util.ResourceBundle;

/** The portal's messages of each language it speaks, on their own (no fallback to English). */
final class EveryLanguage {

  private EveryLanguage() {}

  static void hasEachOf(Collection<String> keys) {
    for (Locale language : SupportedLanguages.ALL) {
      ResourceBundle bundle =
          ResourceBundle.getBundle(
              "eu.federa.platform.i18n.messages",
              language,
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
      assertThat(keys).as(language.toLanguageTag()).allMatch(bundle::containsKey);
    }
  }
}
