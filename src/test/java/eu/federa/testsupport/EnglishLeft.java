package eu.federa.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's own English, to find on a page in another language: every text of the English
 * bundles (the portal's messages, Faces' and Bean Validation's, and the libraries' own: Faces',
 * PrimeFaces', Hibernate Validator's) that the other language says differently. A text of a page
 * that is one of them, whole, is English the reader was not given in their language, a single word
 * ("disabled") as much as a sentence. A message with values ("Up to {0} keys") matches with any
 * values in their places. Texts the other language writes the same way ("Status", "PDF", "OK") are
 * never English left.
 */
public final class EnglishLeft {

  /** The portal's bundles: each language has its own of each. */
  private static final String[] BUNDLES = {
    "/eu/federa/platform/i18n/messages", "/eu/federa/platform/i18n/faces", "/ValidationMessages"
  };

  /**
   * The libraries' messages, which a page shows where the portal's bundles do not say it otherwise:
   * Faces' (a value it cannot convert), PrimeFaces' and Hibernate Validator's (a constraint's own
   * message), each in the few languages it has.
   */
  private static final String[] LIBRARY_BUNDLES = {
    "/jakarta/faces/Messages",
    "/org/primefaces/Messages",
    "/org/hibernate/validator/ValidationMessages"
  };

  /** A message's value: {0}, {1,number}, ... */
  private static final Pattern VALUE = Pattern.compile("\\{\\d+(?:,[^}]*)?\\}");

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final Set<String> whole = new HashSet<>();
  private final List<Shaped> shaped = new ArrayList<>();

  /** The language whose pages are read ("de"). */
  private final String language;

  /**
   * A message with values: its longest fixed part, to look for first, and the whole as a pattern.
   */
  private record Shaped(String english, String longestPart, Pattern pattern) {}

  private EnglishLeft(String language) {
    this.language = language;
  }

  /** The English of the bundles that {@code language} ("de") writes otherwise. */
  public static EnglishLeft against(String language) {
    EnglishLeft left = new EnglishLeft(language);
    Set<String> theirs = textsOf(language);
    List<String> english = new ArrayList<>();
    for (String bundle : allBundles()) {
      Properties base = load(bundle + ".properties");
      for (String key : base.stringPropertyNames()) {
        english.add(base.getProperty(key));
      }
    }
    for (String text : english) {
      String normal = normal(text);
      if (theirs.contains(normal) || !hasWords(normal)) {
        continue;
      }
      if (!VALUE.matcher(normal).find()) {
        left.whole.add(normal);
        continue;
      }
      String withApostrophes = normal.replace("''", "'");
      String[] parts = VALUE.split(withApostrophes, -1);
      StringBuilder regex = new StringBuilder();
      String longest = "";
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          regex.append(".+?");
        }
        regex.append(Pattern.quote(parts[i]));
        if (parts[i].trim().length() > longest.length()) {
          longest = parts[i].trim();
        }
      }
      // A message that is mostly its values ("{0}: {1}") would match anything.
      if (longest.replaceAll("[^\\p{L}]", "").length() >= 8) {
        left.shaped.add(new Shaped(normal, longest, Pattern.compile(regex.toString())));
      }
    }
    return left;
  }

  /** The texts among {@code texts} that are the portal's English, each with the message it is. */
  public List<String> in(Collection<String> texts) {
    Set<String> found = new LinkedHashSet<>();
    for (String text : texts) {
      String normal = normal(text);
      if (whole.contains(normal)) {
        found.add(normal);
        continue;
      }
      for (Shaped message : shaped) {
        if (normal.contains(message.longestPart())) {
          Matcher m = message.pattern().matcher(normal);
          if (m.matches()) {
            found.add(normal + " (" + message.english() + ")");
            break;
          }
        }
      }
    }
    return new ArrayList<>(found);
  }

  /**
   * English's commonest small words: two of them in one text ("could not be written", "the
   * provider") make a sentence of English. Data typed in English (a name, a city) has no such
   * words.
   */
  private static final Pattern SMALL_WORDS =
      Pattern.compile(
          "\\b(?:the|and|with|without|could|cannot|which|your|you|this|that|these|there|their"
              + "|been|from|into|when|should|would|are|has|have|not|were|is|must|be|of|only|between"
              + "|than)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * Those of {@link #SMALL_WORDS} that are also words of a language read: Dutch "is", "of" (or),
   * "been" (a leg), "have" (belongings), "were" (again, in "weer"'s old spelling); Spanish "has"
   * (you have). German, Polish, French, Italian, Portuguese, Finnish, Croatian and Slovenian share
   * none of them.
   */
  private static final Map<String, Set<String>> ALSO_THEIRS =
      Map.of("nl", Set.of("is", "of", "been", "have", "were"), "es", Set.of("has"));

  /**
   * The first three of {@code texts} that are sentences of English (two of {@link #SMALL_WORDS}
   * that are not also words of the language read), whether the portal's or not: a provider's error
   * passed on untranslated, a message built in code.
   */
  public List<String> sentences(Collection<String> texts) {
    Set<String> theirs = ALSO_THEIRS.getOrDefault(language, Set.of());
    List<String> left = new ArrayList<>();
    for (String text : texts) {
      Set<String> words = new HashSet<>();
      Matcher m = SMALL_WORDS.matcher(text);
      while (m.find()) {
        words.add(m.group().toLowerCase(java.util.Locale.ROOT));
      }
      words.removeAll(theirs);
      if (words.size() >= 2 && left.size() < 3) {
        left.add("English left: " + text.substring(0, Math.min(80, text.length())));
      }
    }
    return left;
  }

  /** Every text of the bundles of {@code language} ("de"), spaces made plain. */
  static Set<String> textsOf(String language) {
    Set<String> theirs = new HashSet<>();
    for (String bundle : allBundles()) {
      String name = bundle + "_" + language + ".properties";
      boolean library = List.of(LIBRARY_BUNDLES).contains(bundle);
      if (library && EnglishLeft.class.getResource(name) == null) {
        continue; // a library without the language: its English is what the page would show
      }
      Properties other = load(name);
      for (String key : other.stringPropertyNames()) {
        theirs.add(normal(other.getProperty(key)));
      }
    }
    return theirs;
  }

  private static List<String> allBundles() {
    List<String> all = new ArrayList<>(List.of(BUNDLES));
    all.addAll(List.of(LIBRARY_BUNDLES));
    return all;
  }

  /** Two letters at least: a text of signs or numbers alone ("·", "%", "1") is nobody's English. */
  private static boolean hasWords(String text) {
    return text.codePoints().filter(Character::isLetter).limit(2).count() == 2;
  }

  static String normal(String text) {
    return SPACES.matcher(text.replace('\u00a0', ' ')).replaceAll(" ").trim();
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = EnglishLeft.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no bundle " + name);
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
