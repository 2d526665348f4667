package eu.federa.audit;

import eu.federa.platform.i18n.Localized;
import eu.federa.platform.i18n.Moment;
import eu.federa.platform.i18n.Term;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which entries of the audit trail to show or export: a time range ({@code from} included, {@code
 * to} excluded), who acted (a subject, or part of a name), what was done, in which tenant. A null
 * field does not filter.
 */
public record AuditFilter(Instant from, Instant to, String actor, AuditAction action, Long tenantId)
    implements Serializable {

  /** Everything. */
  public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null);

  /** The longest actor text accepted (a subject is at most 255 characters). */
  static final int ACTOR_MAX = 255;

  public AuditFilter {
    actor = actor == null || actor.isBlank() ? null : actor.strip();
  }

  /** The same filter, in one tenant only. */
  public AuditFilter inTenant(long tenant) {
    return new AuditFilter(from, to, actor, action, tenant);
  }

  /**
   * The filter a person typed (a page's fields, the API's query parameters): {@code from} and
   * {@code to} are a day ({@code 2026-11-30}, a whole UTC day: {@code to} includes it) or an
   * instant ({@code 2026-11-30T08:00:00Z}); {@code action} is an action's name. Each unreadable
   * field is named in the exception.
   */
  public static AuditFilter parse(
      String from, String to, String actor, String action, String tenant) {
    List<FieldError> errors = new ArrayList<>();
    Instant start = time(from, false, "from", errors);
    Instant end = time(to, true, "to", errors);
    if (start != null && end != null && !start.isBefore(end)) {
      errors.add(FieldError.of("to", "audit.filter.error.range"));
    }
    if (actor != null && actor.length() > ACTOR_MAX) {
      errors.add(FieldError.of("actor", "audit.filter.error.actor", ACTOR_MAX));
    }
    AuditAction what = null;
    if (action != null && !action.isBlank()) {
      try {
        what = AuditAction.valueOf(action.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        errors.add(FieldError.of("action", "audit.filter.error.action"));
      }
    }
    Long tenantId = null;
    if (tenant != null && !tenant.isBlank()) {
      try {
        tenantId = Long.parseLong(tenant.strip());
      } catch (NumberFormatException notANumber) {
        errors.add(FieldError.of("tenant", "audit.filter.error.tenant"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new AuditFilter(start, end, actor, what, tenantId);
  }

  private static Instant time(String text, boolean end, String field, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException unreadable) {
      errors.add(FieldError.of(field, "audit.filter.error.time"));
      return null;
    }
  }

  /** The filter in words, for the audit entry of an export. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (from != null) {
      parts.add("from " + from);
    }
    if (to != null) {
      parts.add("to " + to);
    }
    if (actor != null) {
      parts.add("actor " + actor);
    }
    if (action != null) {
      parts.add("action " + action);
    }
    if (tenantId != null) {
      parts.add("tenant " + tenantId);
    }
    return parts.isEmpty() ? EVERYTHING : String.join(", ", parts);
  }

  private static final String EVERYTHING = "everything";

  /** {@link #describe}'s parts in its order; the actor may hold ", " itself. */
  private static final Pattern DESCRIBED =
      Pattern.compile(
          "(?:from (?<from>\\S+))?(?:(?:, )?to (?<to>\\S+))?(?:(?:, )?actor (?<actor>.+?))?"
              + "(?:(?:, )?action (?<action>[A-Z_]+))?(?:(?:, )?tenant (?<tenant>\\d{1,19}))?",
          Pattern.DOTALL);

  /**
   * What {@link #describe} wrote, in the reader's words: the moments in their zone, the action by
   * its label.
   *
   * @throws IllegalArgumentException when it is not what {@link #describe} writes
   */
  static Localized described(String kept) {
    if (kept.equals(EVERYTHING)) {
      return new Term("audit.value.filter.everything");
    }
    Matcher m = DESCRIBED.matcher(kept);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a filter: " + kept);
    }
    AuditFilter read =
        new AuditFilter(
            m.group("from") == null ? null : Instant.parse(m.group("from")),
            m.group("to") == null ? null : Instant.parse(m.group("to")),
            m.group("actor"),
            m.group("action") == null ? null : AuditAction.valueOf(m.group("action")),
            m.group("tenant") == null ? null : Long.valueOf(m.group("tenant")));
    if (!read.describe().equals(kept)) {
      throw new IllegalArgumentException("not a filter: " + kept);
    }
    List<Phrase> parts = new ArrayList<>();
    if (read.from != null) {
      parts.add(new Phrase("audit.value.filter.from", new Moment(read.from)));
    }
    if (read.to != null) {
      parts.add(new Phrase("audit.value.filter.to", new Moment(read.to)));
    }
    if (read.actor != null) {
      parts.add(new Phrase("audit.value.filter.actor", read.actor));
    }
    if (read.action != null) {
      parts.add(
          new Phrase("audit.value.filter.action", new Term("audit.action." + read.action.name())));
    }
    if (read.tenantId != null) {
      parts.add(new Phrase("audit.value.filter.tenant", read.tenantId.toString()));
    }
    return new Changes.Parts(", ", parts);
  }
}
