package eu.federa.platform.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.Typography;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SupportedLanguagesTest {

  /** The mails' templates, one file per template and language ({@code invitation_de.txt}). */
  private static final java.nio.file.Path MAIL_TEMPLATES =
      java.nio.file.Path.of("src", "main", "resources", "eu", "federa", "mail", "templates");

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
   * The languages that have a polite form address the reader with it throughout (Sie, vous, usted,
   * Lei, u, o senhor's forms): one Italian text on the profile page said "tuo account" and "Se
   * accedi" among texts that say "suo" and "acceda". Mails included. (Finnish, Polish, Croatian and
   * Slovenian interfaces address the reader as their own conventions do, and are not checked.) A
   * word in capitals (TI, the Spanish and Portuguese for IT) is an abbreviation, not a pronoun.
   */
  @Test
  void everyTranslationAddressesTheReaderPolitely() throws Exception {
    java.util.Map<String, java.util.regex.Pattern> familiar =
        java.util.Map.of(
            "de", familiar("du|dich|dir|dein|deine|deinen|deinem|deiner|deines"),
            "fr", familiar("tu|toi|ton|tes|ta"),
            "es", familiar("t\u00fa|tu|tus|te|ti|contigo"),
            "it", familiar("tu|tuo|tua|tuoi|tue|ti"),
            "pt", familiar("tu|teu|tua|teus|tuas|te|ti|contigo"),
            "nl", familiar("je|jij|jou|jouw|jullie"));
    List<String> found = new java.util.ArrayList<>();
    forEachTranslation(
        (bundle, language, en, other) -> {
          java.util.regex.Pattern words = familiar.get(language.getLanguage());
          if (words != null) {
            for (String key : other.stringPropertyNames()) {
              familiarWord(words, other.getProperty(key))
                  .ifPresent(w -> found.add(bundle + " " + language + " " + key + ": " + w));
            }
          }
        });
    try (var files = java.nio.file.Files.list(MAIL_TEMPLATES)) {
      for (java.nio.file.Path file : files.toList()) {
        String name = file.getFileName().toString();
        String language =
            name.substring(name.lastIndexOf('_') + 1, name.length() - ".txt".length());
        if (familiar.containsKey(language)) {
          familiarWord(familiar.get(language), java.nio.file.Files.readString(file))
              .ifPresent(w -> found.add(name + ": " + w));
        }
      }
    }
    assertThat(found).isEmpty();
  }

  /**
   * The federation's own things keep one name in each language, the one its pages use: the Italian
   * audit trail said "Provider" where every other page says "Fornitore", the Dutch catalog's
   * administration "provider" beside "aanbieder" everywhere else, a Croatian field "budžet" beside
   * "proračun". A term is found by its stem, so that every case and number passes. Bundles and
   * mails alike.
   */
  @Test
  void everyTranslationNamesTheFederationsThingsAsItsOtherTextsDo() throws Exception {
    java.util.Map<String, java.util.Map<String, String>> glossary =
        java.util.Map.ofEntries(
            java.util.Map.entry(
                "(?<!identity[ -])\\bproviders?\\b",
                stems(
                    "de anbieter, fr fournisseur, es proveedor, it fornitor, pt fornecedor,"
                        + " nl aanbieder, fi tarjoaj, pl dostawc, hr pru\u017eatelj, sl ponudnik")),
            java.util.Map.entry(
                "\\binvoices?\\b",
                stems(
                    "de rechnung, fr factur, es factur, it fattur, pt fatur, nl factu, fi lasku,"
                        + " pl faktur, hr ra\u010dun, sl ra\u010dun")),
            java.util.Map.entry(
                "\\bbudgets?\\b",
                stems(
                    "de budget, fr budget, es presupuest, it budget, pt or\u00e7ament, nl budget,"
                        + " fi budjet, pl bud\u017cet, hr prora\u010dun, sl prora\u010dun")),
            java.util.Map.entry(
                "\\bcatalog(?:ue)?\\b",
                stems(
                    "de katalog, fr catalogue, es cat\u00e1logo, it catalogo, pt cat\u00e1logo,"
                        + " nl catalog, fi luettelo, pl katalog, hr katalog, sl katalog")),
            java.util.Map.entry(
                "\\borgani[sz]ations?\\b",
                stems(
                    "de organisation, fr organisation, es organizaci, it organizzazion,"
                        + " pt organiza\u00e7, nl organisatie, fi organisaati, pl organizacj,"
                        + " hr organizacij, sl organizacij")),
            java.util.Map.entry(
                "\\bprojects?\\b",
                stems(
                    "de projekt, fr projet, es proyect, it progett, pt projet, nl project,"
                        + " fi projekt, pl projek, hr projek, sl projekt")),
            java.util.Map.entry(
                "\\bquotas?\\b",
                stems(
                    "de kontingent, fr quota, es cuota, it quot, pt quota, nl quot,"
                        + " fi kiinti\u00f6, pl limi, hr kvot, sl kvot")),
            java.util.Map.entry(
                "\\bmembers?\\b",
                stems(
                    "de mitglied, fr membre, es miembro, it membr, pt membro, nl \\blid|leden,"
                        + " fi j\u00e4sen, pl cz\u0142on[ek], hr \u010dlan, sl \u010dlan")),
            java.util.Map.entry(
                "\\bimages?\\b",
                stems(
                    "de image, fr image, es imagen|im\u00e1genes, it immagin, pt imagem|imagens,"
                        + " nl image, fi levykuv, pl obraz, hr slik, sl slik")),
            java.util.Map.entry(
                "\\bvolumes?\\b",
                stems(
                    "de volume, fr volume, es volumen|vol\u00famenes, it volum, pt volume,"
                        + " nl volume, fi levyasem, pl wolumin, hr volumen, sl nosil|volumen")),
            java.util.Map.entry(
                "\\bbackups?\\b",
                stems(
                    "de sicherung, fr sauvegard, es copia, it backup, pt c\u00f3pia, nl back-up,"
                        + " fi varmuuskop, pl kopi, hr kopij, sl kopij")),
            java.util.Map.entry(
                "\\bsnapshots?\\b",
                stems(
                    "de snapshot, fr instantan, es instant\u00e1nea, it snapshot,"
                        + " pt instant\u00e2ne, nl snapshot, fi tilannevedo, pl migaw,"
                        + " hr snim, sl posne")));
    List<String> found = new java.util.ArrayList<>();
    forEachTranslation(
        (bundle, language, en, other) -> {
          for (String key : en.stringPropertyNames()) {
            missingTerms(glossary, language, en.getProperty(key), other.getProperty(key))
                .forEach(t -> found.add(bundle + " " + language + " " + key + ": " + t));
          }
        });
    // Each mail in each language, against its English.
    try (var files = java.nio.file.Files.list(MAIL_TEMPLATES)) {
      for (java.nio.file.Path english : files.toList()) {
        String name = english.getFileName().toString();
        if (!name.endsWith("_en.txt")) {
          continue;
        }
        for (Locale language : SupportedLanguages.ALL) {
          if (!language.equals(SupportedLanguages.FALLBACK)) {
            String translated = name.replace("_en.txt", "_" + language.getLanguage() + ".txt");
            missingTerms(
                    glossary,
                    language,
                    java.nio.file.Files.readString(english),
                    java.nio.file.Files.readString(MAIL_TEMPLATES.resolve(translated)))
                .forEach(t -> found.add(translated + ": " + t));
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  /**
   * The terms of {@code glossary} that {@code english} names (outside its placeholders) and its
   * translation into {@code language} does not, by their stem.
   */
  private static List<String> missingTerms(
      java.util.Map<String, java.util.Map<String, String>> glossary,
      Locale language,
      String english,
      String translated) {
    String text = english.replaceAll("\\{[^}]*}", " ");
    List<String> missing = new java.util.ArrayList<>();
    for (var term : glossary.entrySet()) {
      boolean named =
          java.util.regex.Pattern.compile(term.getKey(), java.util.regex.Pattern.CASE_INSENSITIVE)
              .matcher(text)
              .find();
      if (named
          && !java.util.regex.Pattern.compile(
                  term.getValue().get(language.getLanguage()),
                  java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
              .matcher(translated)
              .find()) {
        missing.add(
            term.getValue().get(language.getLanguage())
                + " missing in: "
                + translated.substring(0, Math.min(120, translated.length())));
      }
    }
    return missing;
  }

  /** A term's stem in each language but English, as "de anbieter, fr fournisseur, ...". */
  private static java.util.Map<String, String> stems(String spec) {
    java.util.Map<String, String> stems = new java.util.HashMap<>();
    for (String pair : spec.split(",\\s*")) {
      String[] parts = pair.split(" ");
      stems.put(parts[0], parts[1]);
    }
    assertThat(stems.keySet())
        .containsExactlyInAnyOrderElementsOf(
            SupportedLanguages.ALL.stream()
                .filter(l -> !l.equals(SupportedLanguages.FALLBACK))
                .map(Locale::getLanguage)
                .toList());
    return stems;
  }

  private static java.util.regex.Pattern familiar(String words) {
    return java.util.regex.Pattern.compile(
        "(?<![\\p{L}])(?:" + words + ")(?![\\p{L}])",
        java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
  }

  private static java.util.Optional<String> familiarWord(
      java.util.regex.Pattern words, String text) {
    return words
        .matcher(text)
        .results()
        .map(java.util.regex.MatchResult::group)
        .filter(w -> !w.equals(w.toUpperCase(Locale.ROOT)))
        .findFirst();
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
    List<String> english;
    try (var files = java.nio.file.Files.list(MAIL_TEMPLATES)) {
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
            MAIL_TEMPLATES.resolve(name + "_" + language.getLanguage() + ".txt");
        assertThat(template).as(name + " in " + language).exists();
        if (!language.equals(SupportedLanguages.FALLBACK)) {
          // written in the language, not the English copied
          assertThat(java.nio.file.Files.readString(template))
              .as(name + " in " + language)
              .isNotEqualTo(
                  java.nio.file.Files.readString(MAIL_TEMPLATES.resolve(name + "_en.txt")));
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
