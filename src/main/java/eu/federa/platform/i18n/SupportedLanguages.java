package eu.federa.platform.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages the portal is translated into; English is the fallback. */
public final class SupportedLanguages {

  public static final Locale FALLBACK = Locale.ENGLISH;
  public static final List<Locale> ALL =
      List.of(
          Locale.ENGLISH,
          Locale.FRENCH,
          Locale.GERMAN,
          Locale.forLanguageTag("es"),
          Locale.ITALIAN,
          Locale.forLanguageTag("pt"),
          Locale.forLanguageTag("nl"),
          Locale.forLanguageTag("fi"),
          Locale.forLanguageTag("pl"),
          Locale.forLanguageTag("hr"),
          Locale.forLanguageTag("sl"));

  private SupportedLanguages() {}

  /** The supported language for a tag such as {@code fr} or {@code fr-BE}, if there is one. */
  public static Optional<Locale> match(String languageTag) {
    if (languageTag == null || languageTag.isBlank()) {
      return Optional.empty();
    }
    String language = Locale.forLanguageTag(languageTag.trim()).getLanguage();
    return ALL.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
  }

  /** The first of the browser's preferred locales that the portal supports, else the fallback. */
  public static Locale bestFor(List<Locale> preferred) {
    return preferred.stream()
        .map(Locale::toLanguageTag)
        .map(SupportedLanguages::match)
        .flatMap(Optional::stream)
        .findFirst()
        .orElse(FALLBACK);
  }
}
