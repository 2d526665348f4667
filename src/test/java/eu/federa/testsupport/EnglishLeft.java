package eu.federa.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's own English, to find on a page in another language: every text of the English
 * bundles (messages, Faces' and Bean Validation's) that the other language says differently. A text
 * of a page that is one of them, whole, is English the reader was not given in their language, a
 * single word ("disabled") as much as a sentence. A message with values ("Up to {0} keys") matches
 * with any values in their places. Texts the other language writes the same way ("Status", "PDF",
 * "OK") are never English left.
 */
public final class EnglishLeft {

  private static final String[] BUNDLES = {
    "/eu/federa/platform/i18n/messages", "/eu/federa/platform/i18n/faces", "/ValidationMessages"
  };

  /** A message's value: {0}, {1,number}, ... */
  private static final Pattern VALUE = Pattern.compile("\\{\\d+(?:,[^}]*)?\\}");

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final Set<String> whole = new HashSet<>();
  private final List<Shaped> shaped = new ArrayList<>();

  /**
   * A message with values: its longest fixed part, to look for first, and the whole as a pattern.
   */
  private record Shaped(String english, String longestPart, Pattern pattern) {}

  private EnglishLeft() {}

  /** The English of the bundles that {@code language} ("de") writes otherwise. */
  public static EnglishLeft against(String language) {
    EnglishLeft left = new EnglishLeft();
    Set<String> theirs = textsOf(language);
    List<String> english = new ArrayList<>();
    for (String bundle : BUNDLES) {
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

  /** Every text of the bundles of {@code language} ("de"), spaces made plain. */
  static Set<String> textsOf(String language) {
    Set<String> theirs = new HashSet<>();
    for (String bundle : BUNDLES) {
      Properties other = load(bundle + "_" + language + ".properties");
      for (String key : other.stringPropertyNames()) {
        theirs.add(normal(other.getProperty(key)));
      }
    }
    return theirs;
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
