package eu.federa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The names the portal's code gives its states and kinds (every constant of its enums, "INFERENCE",
 * "MONITORED", "HALF_OPEN"), to find shown whole on a page instead of the reader's words. A name
 * the page's language writes as it is (a protocol, "TCP") or a format's ("PDF") is not one: it is
 * the reader's word too.
 */
public final class CodeNames {

  private static final Set<String> ALL = constants();

  /** Names of formats and addresses, which every language writes as they are. */
  private static final Set<String> FORMATS =
      Set.of("PDF", "CSV", "JSON", "XML", "ZIP", "YAML", "URL");

  private final Set<String> named;

  private CodeNames(Set<String> named) {
    this.named = named;
  }

  /** The code's names that {@code language} ("de") does not write as they are. */
  public static CodeNames against(String language) {
    Set<String> named = new HashSet<>(ALL);
    named.removeAll(EnglishLeft.textsOf(language));
    named.removeAll(FORMATS);
    return new CodeNames(named);
  }

  /** The texts among {@code texts} that are, whole, a name of the code. */
  public List<String> in(Collection<String> texts) {
    Set<String> found = new LinkedHashSet<>();
    for (String text : texts) {
      String normal = EnglishLeft.normal(text);
      if (named.contains(normal)) {
        found.add(normal);
      }
    }
    return new ArrayList<>(found);
  }

  /** The constants of every enum of the portal's classes, of three letters or more. */
  private static Set<String> constants() {
    Path classes;
    try {
      // the portal's classes, not the tests' (which come first on the class path)
      classes =
          Path.of(
              Class.forName("eu.federa.catalog.Image", false, CodeNames.class.getClassLoader())
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Path root = classes.resolve("eu").resolve("federa");
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String relative = classes.relativize(file).toString();
        String name = relative.substring(0, relative.length() - ".class".length());
        Class<?> type;
        try {
          type = Class.forName(name.replace('/', '.'), false, CodeNames.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue; // a class of the WAR whose libraries the tests do not have
        }
        if (!type.isEnum()) {
          continue;
        }
        for (Field field : type.getDeclaredFields()) {
          String constant = field.getName();
          if (field.isEnumConstant()
              && constant.codePoints().filter(Character::isLetter).count() >= 3) {
            names.add(constant);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("no enum found under " + root);
    }
    return Set.copyOf(names);
  }
}
