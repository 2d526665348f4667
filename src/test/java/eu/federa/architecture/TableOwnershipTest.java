package eu.federa.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import eu.federa.platform.Capability;
import eu.federa.platform.ReadsTablesOf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each capability is the only reader and writer of its tables (issue #21): the tables each one owns
 * are named in its {@code package-info.java} ({@link Capability#tables}), every table the
 * migrations create has exactly one owner, entities live with their table's owner, and the SQL and
 * JPQL in the sources of one capability name only its own tables and entities. The one way around
 * it is a class marked {@link ReadsTablesOf}, which may read, never write, what it names.
 */
class TableOwnershipTest {

  private static final Path SOURCES = Path.of("src/main/java/eu/federa");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

  /** A table after a keyword that reads it ({@code FROM}, {@code JOIN}) or writes it. */
  private static final Pattern NATIVE =
      Pattern.compile("\\b(DELETE\\s+FROM|FROM|JOIN|UPDATE|INTO|TABLE)\\s+([a-z_]+)\\b");

  /** An entity after a JPQL keyword (entity names start with a capital letter). */
  private static final Pattern JPQL =
      Pattern.compile(
          "\\b(delete\\s+from|from|join|update|DELETE\\s+FROM|FROM|JOIN|UPDATE)\\s+([A-Z]\\w*)\\b");

  private static final Pattern LITERAL =
      Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

  private static JavaClasses main;

  /** Table name to the capability that owns it. */
  private static final Map<String, String> OWNER = new TreeMap<>();

  /** Entity simple name to its table. */
  private static final Map<String, String> ENTITY_TABLE = new TreeMap<>();

  private static final List<String> DOUBLE_OWNED = new ArrayList<>();

  @BeforeAll
  static void readOwners() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.federa");
    for (JavaPackage capability : main.getPackage("eu.federa").getSubpackages()) {
      for (String table : tablesOf(capability)) {
        String before = OWNER.put(table, capability.getRelativeName());
        if (before != null) {
          DOUBLE_OWNED.add(table + " (" + before + " and " + capability.getRelativeName() + ")");
        }
      }
    }
    for (JavaClass c : main) {
      c.tryGetAnnotationOfType("jakarta.persistence.Table")
          .ifPresent(t -> ENTITY_TABLE.put(c.getSimpleName(), String.valueOf(t.get("name").get())));
    }
  }

  @Test
  void everyTableTheMigrationsCreateHasExactlyOneOwner() throws IOException {
    assertTrue(DOUBLE_OWNED.isEmpty(), "tables owned twice: " + DOUBLE_OWNED);
    Set<String> created = new TreeSet<>();
    Pattern create = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)");
    Pattern drop = Pattern.compile("(?i)DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?`?(\\w+)");
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path file : files.sorted().toList()) {
        String sql = Files.readString(file);
        create.matcher(sql).results().forEach(m -> created.add(m.group(1).toLowerCase()));
        drop.matcher(sql).results().forEach(m -> created.remove(m.group(1).toLowerCase()));
      }
    }
    Set<String> unowned = new TreeSet<>(created);
    unowned.removeAll(OWNER.keySet());
    assertTrue(
        unowned.isEmpty(), "no capability names these tables in its package-info: " + unowned);
    Set<String> unknown = new TreeSet<>(OWNER.keySet());
    unknown.removeAll(created);
    assertTrue(unknown.isEmpty(), "owned tables no migration creates: " + unknown);
  }

  @Test
  void entitiesLiveWithTheOwnerOfTheirTable() {
    List<String> misplaced = new ArrayList<>();
    for (JavaClass c : main) {
      c.tryGetAnnotationOfType("jakarta.persistence.Table")
          .ifPresent(
              t -> {
                String table = String.valueOf(t.get("name").get());
                if (!capabilityOf(c.getPackageName()).equals(OWNER.get(table))) {
                  misplaced.add(c.getName() + " maps " + table + " of " + OWNER.get(table));
                }
              });
    }
    assertEquals(List.of(), misplaced);
  }

  @TestFactory
  Stream<DynamicTest> queriesNameOnlyTheCapabilitysOwnTables() throws IOException {
    Map<String, List<Path>> byCapability;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      byCapability =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .sorted()
              .collect(
                  Collectors.groupingBy(
                      f -> SOURCES.relativize(f).getName(0).toString(),
                      TreeMap::new,
                      Collectors.toList()));
    }
    return byCapability.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      List<String> bad = new ArrayList<>();
                      e.getValue().forEach(f -> bad.addAll(check(f)));
                      if (!bad.isEmpty()) {
                        fail(
                            e.getKey()
                                + " reaches other capabilities' tables:\n  "
                                + String.join("\n  ", bad));
                      }
                    }));
  }

  /** The table references of one source file that break the rule, with the reason. */
  static List<String> violations(String capability, Set<String> mayRead, String source) {
    List<String> found = new ArrayList<>();
    String sql = literals(source);
    Matcher n = NATIVE.matcher(sql);
    while (n.find()) {
      note(found, capability, mayRead, n.group(2), writes(n.group(1)), n.group());
    }
    Matcher j = JPQL.matcher(sql);
    while (j.find()) {
      String table = ENTITY_TABLE.get(j.group(2));
      if (table != null) {
        note(found, capability, mayRead, table, writes(j.group(1)), j.group());
      }
    }
    return found;
  }

  private static void note(
      List<String> found,
      String capability,
      Set<String> mayRead,
      String table,
      boolean write,
      String text) {
    String owner = OWNER.get(table);
    if (owner == null || owner.equals(capability)) {
      return;
    }
    if (!write && mayRead.contains(owner)) {
      return;
    }
    found.add("\"" + text + "\": " + table + " belongs to " + owner + "; ask it instead");
  }

  private static boolean writes(String keyword) {
    String k = keyword.toUpperCase();
    return !k.equals("FROM") && !k.equals("JOIN");
  }

  private static List<String> check(Path file) {
    String source;
    try {
      source = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path relative = SOURCES.relativize(file);
    String capability = relative.getName(0).toString();
    String className =
        "eu.federa."
            + relative
                .toString()
                .replace(".java", "")
                .replace(file.getFileSystem().getSeparator(), ".");
    Set<String> mayRead =
        main.contain(className)
            ? main.get(className)
                .tryGetAnnotationOfType(ReadsTablesOf.class.getName())
                .map(a -> Set.of(strings(a.get("value").get())))
                .orElse(Set.of())
            : Set.of();
    return violations(capability, mayRead, source).stream()
        .map(v -> relative.getFileName() + ": " + v)
        .toList();
  }

  /** Every string literal of the source, in order, joined as SQL split over literals would be. */
  static String literals(String source) {
    StringBuilder sql = new StringBuilder();
    Matcher m = LITERAL.matcher(source);
    while (m.find()) {
      sql.append(m.group(1) != null ? m.group(1) : m.group(2)).append(' ');
    }
    return sql.toString().replaceAll("\\s+", " ");
  }

  private static String capabilityOf(String packageName) {
    String rest = packageName.substring("eu.federa.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static String[] tablesOf(JavaPackage capability) {
    return capability
        .tryGetPackageInfo()
        .flatMap(info -> info.tryGetAnnotationOfType(Capability.class.getName()))
        .map(a -> strings(a.get("tables").orElse(new Object[0])))
        .orElse(new String[0]);
  }

  private static String[] strings(Object array) {
    return Arrays.stream((Object[]) array).map(String::valueOf).toArray(String[]::new);
  }

  @Test
  void theCheckSeesAJoinSplitOverLiterals() {
    String source =
        "class X { String q = \"SELECT t.name FROM quota_reservation r\"\n"
            + "    + \" JOIN tenant t ON t.id = r.tenant_id\"; }";
    List<String> found = violations("quota", Set.of(), source);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).contains("tenant belongs to tenancy"), found.toString());
    assertEquals(List.of(), violations("quota", Set.of("tenancy"), source));
    String write = "class X { String q = \"UPDATE tenant SET name = ?1\"; }";
    assertEquals(1, violations("quota", Set.of("tenancy"), write).size());
    String jpql = "class X { String q = \"select p.id from Provider p\"; }";
    assertEquals(1, violations("placement", Set.of(), jpql).size());
    assertEquals(
        Set.of(), violations("cloud", Set.of(), jpql).stream().collect(Collectors.toSet()));
  }
}
