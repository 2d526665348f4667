package eu.federa.platform.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SupportedLanguagesTest {

  @Test
  void regionalVariantsMatchTheirLanguage() {
    assertThat(SupportedLanguages.match("fr-BE")).contains(Locale.FRENCH);
    assertThat(SupportedLanguages.match("en_GB".replace('_', '-'))).contains(Locale.ENGLISH);
  }

  @Test
  void unknownOrEmptyTagsMatchNothing() {
    assertThat(SupportedLanguages.match("tlh")).isEmpty();
    assertThat(SupportedLanguages.match("")).isEmpty();
    assertThat(SupportedLanguages.match(null)).isEmpty();
  }

  @Test
  void browserPreferenceOrderIsHonouredSkippingUnsupportedLanguages() {
    Locale german = Locale.GERMAN;
    assertThat(SupportedLanguages.bestFor(List.of(german, Locale.CANADA_FRENCH, Locale.UK)))
        .isEqualTo(Locale.FRENCH);
  }

  @Test
  void englishWhenTheBrowserAsksForNothingSupported() {
    assertThat(SupportedLanguages.bestFor(List.of(Locale.JAPANESE))).isEqualTo(Locale.ENGLISH);
    assertThat(SupportedLanguages.bestFor(List.of())).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void everyEnglishMessageHasAFrenchTranslation() throws Exception {
    Properties en = load("messages.properties");
    Properties fr = load("messages_fr.properties");
    assertThat(fr.stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
  }

  private static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (var in = SupportedLanguagesTest.class.getResourceAsStream(name)) {
      p.load(in);
    }
    return p;
  }
}
