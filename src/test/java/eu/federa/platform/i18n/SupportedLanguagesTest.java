package eu.federa.platform.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.Typography;
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
    Locale klingon = Locale.forLanguageTag("tlh");
    assertThat(SupportedLanguages.bestFor(List.of(klingon, Locale.CANADA_FRENCH, Locale.UK)))
        .isEqualTo(Locale.FRENCH);
    assertThat(SupportedLanguages.bestFor(List.of(Locale.forLanguageTag("de-AT"), Locale.UK)))
        .isEqualTo(Locale.GERMAN);
  }

  @Test
  void englishWhenTheBrowserAsksForNothingSupported() {
    assertThat(SupportedLanguages.bestFor(List.of(Locale.JAPANESE))).isEqualTo(Locale.ENGLISH);
    assertThat(SupportedLanguages.bestFor(List.of())).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void everyBundleOfEveryLanguageHasExactlyTheEnglishKeys() throws Exception {
    forEachTranslation(
        (bundle, language, en, other) ->
            assertThat(other.stringPropertyNames())
                .as(bundle + " in " + language)
                .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames()));
  }

  /**
   * Faces' own messages for a value a form could not take (a number that is none, a choice the list
   * does not offer, a value the page could not keep) are the portal's, so every language has them:
   * Faces has them in German, French and Spanish alone, and a Polish reader got "'many' must be a
   * number consisting of one or more digits". The messages no form of the portal can show are
   * named, each with why; its pages use no Faces validator (the services and Bean Validation check
   * what is sent).
   */
  @Test
  void everyFacesMessageAFormCanShowIsThePortals() throws Exception {
    java.util.Map<String, String> notShown =
        java.util.Map.ofEntries(
            java.util.Map.entry("converter.BooleanConverter.", "any text: all but true is false"),
            java.util.Map.entry("converter.CharacterConverter.", "no field holds one character"),
            java.util.Map.entry("converter.DateTimeConverter.TIME", "the date pickers take dates"),
            java.util.Map.entry("converter.DateTimeConverter.DATETIME", "the same"),
            java.util.Map.entry("converter.DateTimeConverter.PATTERN_TYPE", "a page's mistake"),
            java.util.Map.entry("converter.NumberConverter.CURRENCY", "formats what a page shows"),
            java.util.Map.entry("converter.NumberConverter.PERCENT", "the same"),
            java.util.Map.entry("converter.NumberConverter.PATTERN", "a page's mistake"),
            java.util.Map.entry("converter.EnumConverter.ENUM_NO_CLASS", "a page's mistake"),
            java.util.Map.entry("converter.STRING", "any value is a text"),
            java.util.Map.entry("validator.", "no page has a Faces validator (below)"));
    Properties faces = load("/jakarta/faces/Messages.properties");
    Properties ours = load("faces.properties");
    List<String> missing = new java.util.ArrayList<>();
    for (String key : faces.stringPropertyNames()) {
      String name = key.substring("jakarta.faces.".length());
      if (notShown.keySet().stream().noneMatch(name::startsWith) && !ours.containsKey(key)) {
        missing.add(key);
      }
    }
    assertThat(missing).as("Faces' messages in English only").isEmpty();
    List<String> validated = new java.util.ArrayList<>();
    for (var page : eu.federa.testsupport.PageSources.read().entrySet()) {
      org.w3c.dom.NodeList core = page.getValue().getElementsByTagNameNS("jakarta.faces.core", "*");
      for (int i = 0; i < core.getLength(); i++) {
        if (core.item(i).getLocalName().startsWith("validate")) {
          validated.add(page.getKey() + ": " + core.item(i).getNodeName());
        }
      }
    }
    assertThat(validated)
        .as("pages with a Faces validator, whose messages are Faces' English")
        .isEmpty();
  }

  /**
   * The languages that write an apostrophe inside a word (French, Italian, Dutch: "l’organisation",
   * "dell’elenco", "VM’s") write it as one, ’, throughout: a page mixed "n'est" and "n’est". A
   * typewriter's ' inside a word is also what MessageFormat reads as a quote, dropping it.
   */
  @Test
  void everyTranslationWritesTheApostropheInsideAWordAsOne() throws Exception {
    List<String> found = new java.util.ArrayList<>();
    forEachTranslation(
        (bundle, language, en, other) -> {
          for (String key : other.stringPropertyNames()) {
            Typography.typewriterApostrophe(other.getProperty(key))
                .ifPresent(m -> found.add(bundle + " " + language + " " + key + ": " + m));
          }
        });
    assertThat(found).isEmpty();
  }

  /**
   * French keeps a colon, a semicolon, a question or exclamation mark, and the inside of its
   * guillemets with the word before or after by a no-break space: a plain one lets the line break
   * there, leaving ": 12 €" or "»" alone at a line's start. The bundles mixed both (380 texts
   * against 143).
   */
  @Test
  void frenchKeepsItsPunctuationWithItsWordsByANoBreakSpace() throws Exception {
    List<String> found = new java.util.ArrayList<>();
    forEachTranslation(
        (bundle, language, en, other) -> {
          if (language.getLanguage().equals("fr")) {
            for (String key : other.stringPropertyNames()) {
              Typography.breakableFrenchPunctuation(other.getProperty(key))
                  .ifPresent(m -> found.add(bundle + " " + key + ": " + m));
            }
          }
        });
    assertThat(found).isEmpty();
  }

  /**
   * Every translation quotes a value with its language's quotation marks („…“ in German, «…» in
   * Spanish, ”…” in Finnish), not the typewriter's ", which seven languages had kept from the
   * English text in eighteen messages each ("Schlüssel "laptop" hinzugefügt.").
   */
  @Test
  void everyTranslationQuotesWithItsLanguagesMarks() throws Exception {
    List<String> found = new java.util.ArrayList<>();
    forEachTranslation(
        (bundle, language, en, other) -> {
          for (String key : other.stringPropertyNames()) {
            Typography.typewriterQuote(other.getProperty(key))
                .ifPresent(m -> found.add(bundle + " " + language + " " + key + ": " + m));
          }
        });
    assertThat(found).isEmpty();
  }

  /**
   * A translation that is the English text, copied, is a sentence nobody translated: three or more
   * words in lower case (a phrase, not a name, a unit or a code such as "Plan: Large", "ICMP
   * (ping)" or "g CO₂e per kWh", which languages may keep) may not stand in another language's
   * bundle as they stand in English.
   */
  @Test
  void noTranslationIsTheEnglishPhraseCopied() throws Exception {
    java.util.regex.Pattern word = java.util.regex.Pattern.compile("(?<![\\p{L}{])\\p{Ll}{3,}");
    List<String> copied = new java.util.ArrayList<>();
    forEachTranslation(
        (bundle, language, en, other) -> {
          for (String key : en.stringPropertyNames()) {
            String english = en.getProperty(key);
            if (english.equals(other.getProperty(key))
                && word.matcher(english.replaceAll("\\{[^}]*}", " ")).results().count() >= 3) {
              copied.add(bundle + " " + language + " " + key + ": " + english);
            }
          }
        });
    assertThat(copied).isEmpty();
  }

  @Test
  void everyTranslationKeepsTheEnglishPlaceholders() throws Exception {
    Properties en = load("messages.properties");
    java.util.regex.Pattern placeholder = java.util.regex.Pattern.compile("\\{\\d+[^}]*}");
    for (Locale language : SupportedLanguages.ALL) {
      if (language.equals(SupportedLanguages.FALLBACK)) {
        continue;
      }
      Properties other = load("messages_" + language.getLanguage() + ".properties");
      for (String key : en.stringPropertyNames()) {
        assertThat(placeholders(placeholder, other.getProperty(key)))
            .as(key + " in " + language)
            .isEqualTo(placeholders(placeholder, en.getProperty(key)));
      }
    }
  }

  @Test
  void everyValidationMessageKeepsTheEnglishAttributes() throws Exception {
    Properties en = load("/ValidationMessages.properties");
    assertThat(en.stringPropertyNames()).isNotEmpty();
    java.util.regex.Pattern attribute = java.util.regex.Pattern.compile("\\{[a-zA-Z]+}");
    for (Locale language : SupportedLanguages.ALL) {
      if (language.equals(SupportedLanguages.FALLBACK)) {
        continue;
      }
      Properties other = load("/ValidationMessages_" + language.getLanguage() + ".properties");
      for (String key : en.stringPropertyNames()) {
        assertThat(placeholders(attribute, other.getProperty(key)))
            .as(key + " in " + language)
            .isEqualTo(placeholders(attribute, en.getProperty(key)));
      }
    }
  }

  @Test
  void everyMailTemplateIsWrittenInEveryLanguage() throws Exception {
    java.nio.file.Path templates =
        java.nio.file.Path.of("src", "main", "resources", "eu", "federa", "mail", "templates");
    List<String> english;
    try (var files = java.nio.file.Files.list(templates)) {
      english =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith("_en.txt"))
              .map(n -> n.substring(0, n.length() - "_en.txt".length()))
              .toList();
    }
    assertThat(english).isNotEmpty();
    for (Locale language : SupportedLanguages.ALL) {
      for (String name : english) {
        java.nio.file.Path template =
            templates.resolve(name + "_" + language.getLanguage() + ".txt");
        assertThat(template).as(name + " in " + language).exists();
        if (!language.equals(SupportedLanguages.FALLBACK)) {
          // written in the language, not the English copied
          assertThat(java.nio.file.Files.readString(template))
              .as(name + " in " + language)
              .isNotEqualTo(java.nio.file.Files.readString(templates.resolve(name + "_en.txt")));
        }
      }
    }
  }

  private static List<String> placeholders(java.util.regex.Pattern pattern, String text) {
    return pattern.matcher(text).results().map(m -> m.group()).distinct().sorted().toList();
  }

  /** A check of one bundle's translation into one language other than English. */
  private interface TranslationCheck {
    void check(String bundle, Locale language, Properties english, Properties other);
  }

  /** Runs {@code check} on every bundle's translation into every language other than English. */
  private static void forEachTranslation(TranslationCheck check) throws Exception {
    for (String bundle :
        List.of("messages", "faces", "/eu/federa/billing/invoice-pdf", "/ValidationMessages")) {
      Properties en = load(bundle + ".properties");
      for (Locale language : SupportedLanguages.ALL) {
        if (!language.equals(SupportedLanguages.FALLBACK)) {
          check.check(
              bundle, language, en, load(bundle + "_" + language.getLanguage() + ".properties"));
        }
      }
    }
  }

  private static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (var in = SupportedLanguagesTest.class.getResourceAsStream(name)) {
      p.load(in);
    }
    return p;
  }
}
