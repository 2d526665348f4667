package eu.federa.audit;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.Localized;
import eu.federa.platform.i18n.Term;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A platform admin's change in words for the audit trail: each field that changed with its value
 * before and after ({@code name: Old → New}), read from the two records the change went between. A
 * secret is never written: only that it changed. Kept in English with the fields' names in the
 * code, and read back by {@link #read} in each reader's words ({@link ChangedField}).
 */
public final class Changes {

  private static final String NOTHING = "nothing changed";
  private static final String REMOVED = "removed: ";
  private static final String ARROW = " \u2192 ";

  /** Each action's fields, found by their written names (the longest first). */
  private static final Map<AuditAction, Pattern> FIELDS = new EnumMap<>(AuditAction.class);

  static {
    for (AuditAction action : AuditAction.values()) {
      List<String> names = new ArrayList<>();
      for (ChangedField field : ChangedField.values()) {
        if (field.isOf(action)) {
          names.add(Pattern.quote(field.written()));
        }
      }
      if (!names.isEmpty()) {
        names.sort(Comparator.comparingInt(String::length).reversed());
        FIELDS.put(action, Pattern.compile("(?:^|; )(" + String.join("|", names) + "): "));
      }
    }
  }

  private Changes() {}

  /** The fields of {@code after} that differ from {@code before} (same record type). */
  public static String between(Record before, Record after, Set<String> secrets) {
    return between(before, after, secrets, List.of());
  }

  /**
   * As above, with changes the records cannot show (a secret given again and found different, which
   * neither record holds) added at the end.
   */
  public static String between(
      Record before, Record after, Set<String> secrets, List<String> alsoChanged) {
    if (before.getClass() != after.getClass()) {
      throw new IllegalArgumentException(
          before.getClass() + " and " + after.getClass() + " are not the same record");
    }
    List<String> changed = new ArrayList<>();
    for (RecordComponent c : after.getClass().getRecordComponents()) {
      Object old = value(c, before);
      Object now = value(c, after);
      if (secrets.contains(c.getName())) {
        if (now instanceof String s && !s.isBlank()) {
          changed.add(secretChanged(c.getName()));
        }
      } else if (!same(old, now)) {
        changed.add(field(c.getName(), old, now));
      }
    }
    changed.addAll(alsoChanged);
    return changed.isEmpty() ? NOTHING : String.join("; ", changed);
  }

  /** Every field of a record that was created (a secret only as "set"). */
  public static String created(Record created, Set<String> secrets) {
    List<String> fields = new ArrayList<>();
    for (RecordComponent c : created.getClass().getRecordComponents()) {
      Object value = value(c, created);
      fields.add(
          c.getName()
              + ": "
              + (secrets.contains(c.getName())
                  ? (value == null || value.toString().isBlank() ? "not set" : "set")
                  : text(value)));
    }
    return String.join("; ", fields);
  }

  /** A record removed: every field it had, as {@link #created} writes them. */
  public static String removed(Record removed, Set<String> secrets) {
    return REMOVED + created(removed, secrets);
  }

  /** One field's change. */
  public static String field(String name, Object before, Object after) {
    return name + ": " + text(before) + ARROW + text(after);
  }

  /** One field's value (a record's field that is new, a list that came with a change). */
  public static String value(String name, Object value) {
    return name + ": " + text(value);
  }

  /** A secret given again and found different: never its value, only that it changed. */
  public static String secretChanged(String name) {
    return name + ": changed";
  }

  /** Changes of something named ahead of them ({@code Nord Cloud: enabled: false → true}). */
  public static String of(String name, String changes) {
    return name + ": " + changes;
  }

  /**
   * A kept detail of an entry of {@code action} in the reader's words: each field by the words for
   * it, its values in the reader's formats (a name, a code or a list as it is); empty when the
   * action's details are not written here, or the text is not one of its forms.
   */
  public static Optional<Phrase> read(AuditAction action, String kept) {
    if (action == null || kept == null || !FIELDS.containsKey(action)) {
      return Optional.empty();
    }
    try {
      switch (action) {
        case CATALOG_MODEL_REMOVED -> {
          return kept.startsWith(REMOVED)
              ? fields(action, kept.substring(REMOVED.length()))
                  .map(p -> new Phrase("audit.change.removed", p))
              : Optional.empty();
        }
        case PROVIDER_REGISTER_CHANGED, PROVIDER_ENABLED, PROVIDER_DISABLED -> {
          // The provider's name first; it may hold ": " itself.
          for (int at = kept.indexOf(": "); at > 0; at = kept.indexOf(": ", at + 1)) {
            try {
              Optional<Parts> changes = fields(action, kept.substring(at + 2));
              if (changes.isPresent()) {
                return Optional.of(
                    new Phrase("audit.change.of", kept.substring(0, at), changes.get()));
              }
            } catch (IllegalArgumentException | DateTimeException notHere) {
              // The name ends further on: a field's name was part of it.
            }
          }
          return Optional.empty();
        }
        default -> {
          return fields(action, kept).map(p -> new Phrase("audit.change.fields", p));
        }
      }
    } catch (IllegalArgumentException | DateTimeException unreadable) {
      return Optional.empty();
    }
  }

  /** {@code name: value} or {@code name: before → after}, each once, separated by "; ". */
  private static Optional<Parts> fields(AuditAction action, String kept) {
    if (kept.equals(NOTHING)) {
      return Optional.of(new Parts(Parts.SEMICOLON, List.of(new Phrase("audit.change.nothing"))));
    }
    Matcher name = FIELDS.get(action).matcher(kept);
    List<Phrase> read = new ArrayList<>();
    Set<ChangedField> seen = new HashSet<>();
    ChangedField field = null;
    int valueAt = 0;
    while (name.find()) {
      if (field == null && name.start() != 0) {
        return Optional.empty();
      }
      if (field != null) {
        read.add(change(field, kept.substring(valueAt, name.start())));
      }
      field = written(action, name.group(1));
      if (!seen.add(field)) {
        return Optional.empty();
      }
      valueAt = name.end();
    }
    if (field == null) {
      return Optional.empty();
    }
    read.add(change(field, kept.substring(valueAt)));
    return Optional.of(new Parts(Parts.SEMICOLON, read));
  }

  private static ChangedField written(AuditAction action, String name) {
    for (ChangedField field : ChangedField.values()) {
      if (field.isOf(action) && field.written().equals(name)) {
        return field;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }

  private static Phrase change(ChangedField field, String kept) {
    String[] sides = kept.split(Pattern.quote(ARROW), -1);
    return switch (sides.length) {
      case 1 -> new Phrase("audit.change.value", field.label(), field.read(kept));
      case 2 ->
          new Phrase(
              "audit.change.from", field.label(), field.read(sides[0]), field.read(sides[1]));
      default -> throw new IllegalArgumentException("not one change: " + kept);
    };
  }

  /**
   * How a record's {@code toString} writes it whole ({@code QuotaLimits[vcpu=8, memoryMib=null,
   * ...]}), its fields in their order: each value a group.
   */
  static Pattern recordPattern(String type, List<ChangedField> fields) {
    StringBuilder regex = new StringBuilder(Pattern.quote(type + "["));
    for (int i = 0; i < fields.size(); i++) {
      regex.append(Pattern.quote((i == 0 ? "" : ", ") + fields.get(i).written() + "="));
      regex.append("(.*)");
    }
    return Pattern.compile(regex.append("\\]").toString(), Pattern.DOTALL);
  }

  /**
   * A record kept whole, as {@code written} (its {@link #recordPattern}) finds it: the fields it
   * has, as the reader reads them; "none" for none.
   */
  static Object readRecord(Pattern written, List<ChangedField> fields, String kept) {
    Matcher m = written.matcher(kept);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a record of " + written + ": " + kept);
    }
    List<Phrase> set = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String value = m.group(i + 1);
      if (!value.equals("null")) {
        set.add(new Phrase("audit.change.value", fields.get(i).label(), fields.get(i).read(value)));
      }
    }
    return set.isEmpty() ? new Term("audit.value.none") : new Parts(", ", set);
  }

  /**
   * Phrases or words read one after the other.
   *
   * @param separator what stands between two: ", ", or {@link #SEMICOLON}, a semicolon as the
   *     reader's language writes it (French keeps it with the word before by a no-break space)
   */
  record Parts(String separator, List<? extends Localized> items) implements Localized {

    /** The bundles' semicolon, followed by a space. */
    static final String SEMICOLON = "punctuation.semicolon";

    private static final String BUNDLE = "eu.federa.platform.i18n.messages";

    @Override
    public String in(Formats formats) {
      String between =
          separator.equals(SEMICOLON)
              ? ResourceBundle.getBundle(BUNDLE, formats.locale()).getString(SEMICOLON) + " "
              : separator;
      return items.stream().map(p -> p.in(formats)).collect(Collectors.joining(between));
    }
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      java.lang.reflect.Method accessor = c.getAccessor();
      accessor.trySetAccessible(); // a record of another package that is not public
      return accessor.invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + c.getName() + " of " + r.getClass(), e);
    }
  }

  /** Equal values, numbers by value (2.50 is 2.5). */
  private static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof String x && b instanceof String y) {
      return x.strip().equals(y.strip());
    }
    return Objects.equals(a, b);
  }

  private static String text(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(Changes::text).collect(Collectors.joining(", ", "[", "]"));
    }
    String text = value.toString().strip();
    // A value's own "; " would read as the end of its field: kept with a no-break space, which
    // looks the same and is no separator.
    return text.isEmpty() ? "\"\"" : text.replace("; ", ";\u00a0");
  }
}
