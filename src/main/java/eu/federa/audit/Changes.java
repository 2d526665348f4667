package eu.federa.audit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A platform admin's change in words for the audit trail: each field that changed with its value
 * before and after ({@code name: Old → New}), read from the two records the change went between. A
 * secret is never written: only that it changed.
 */
public final class Changes {

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
          changed.add(c.getName() + ": changed");
        }
      } else if (!same(old, now)) {
        changed.add(c.getName() + ": " + text(old) + " \u2192 " + text(now));
      }
    }
    changed.addAll(alsoChanged);
    return changed.isEmpty() ? "nothing changed" : String.join("; ", changed);
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

  /** One field's change. */
  public static String field(String name, Object before, Object after) {
    return name + ": " + text(before) + " \u2192 " + text(after);
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
    return text.isEmpty() ? "\"\"" : text;
  }
}
