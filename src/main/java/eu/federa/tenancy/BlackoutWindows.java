package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's blackout windows (issue #20): when the platform moves none of its VMs on its own
 * initiative. Its members see them; its admins add and remove them (audited); rebalancing asks
 * which tenants are in one now.
 */
@ApplicationScoped
public class BlackoutWindows {

  /** How many windows a tenant may keep. */
  static final int MAX_WINDOWS = 20;

  private static final Pattern CLOCK = Pattern.compile("([01]?\\d|2[0-4]):([0-5]\\d)");

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** The tenant's windows, earliest first (any member). */
  @Transactional
  public List<BlackoutWindow> list(long tenantId) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.VIEW);
    return ofTenant(tenantId);
  }

  /**
   * Adds a window (tenant admins).
   *
   * @param start {@code HH:mm}, UTC
   * @param end {@code HH:mm}, UTC; at or before the start: the window runs past midnight
   * @throws InvalidInputException naming each bad field
   * @throws ConflictException when the tenant has {@value #MAX_WINDOWS} already
   */
  @Transactional
  public long add(long tenantId, Set<DayOfWeek> days, String start, String end) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    List<FieldError> errors = new ArrayList<>();
    if (days == null || days.isEmpty()) {
      errors.add(FieldError.of("days", "blackout.error.days"));
    }
    Integer from = minute(start, false);
    Integer to = minute(end, true);
    if (from == null) {
      errors.add(FieldError.of("start", "blackout.error.time"));
    }
    if (to == null) {
      errors.add(FieldError.of("end", "blackout.error.time"));
    }
    if (from != null && to != null && from.equals(to)) {
      errors.add(FieldError.of("end", "blackout.error.empty"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    // The count is read under the tenant's lock: two admins adding at once cannot pass the limit.
    em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    long count =
        ((Number)
                em.createNativeQuery(
                        "SELECT COUNT(*) FROM tenant_blackout_window WHERE tenant_id = ?1")
                    .setParameter(1, tenantId)
                    .getSingleResult())
            .longValue();
    if (count >= MAX_WINDOWS) {
      throw new ConflictException("blackout.error.tooMany", MAX_WINDOWS);
    }
    BlackoutWindow window = new BlackoutWindow(0, BlackoutWindow.mask(days), from, to);
    long id = insert(tenantId, window, access.signedIn().subject());
    audit.success(
        AuditAction.TENANT_BLACKOUT_ADDED,
        tenantId,
        AuditTarget.Kind.BLACKOUT.of(id),
        describe(window));
    return id;
  }

  /**
   * Removes a window (tenant admins).
   *
   * @throws NotFoundException when it is not one of the tenant's
   */
  @Transactional
  public void remove(long tenantId, long windowId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    BlackoutWindow window =
        windows(List.of(tenantId)).getOrDefault(tenantId, List.of()).stream()
            .filter(w -> w.id() == windowId)
            .findFirst()
            .orElseThrow(() -> new NotFoundException("blackout window", windowId));
    em.createNativeQuery("DELETE FROM tenant_blackout_window WHERE id = ?1 AND tenant_id = ?2")
        .setParameter(1, windowId)
        .setParameter(2, tenantId)
        .executeUpdate();
    audit.success(
        AuditAction.TENANT_BLACKOUT_REMOVED,
        tenantId,
        AuditTarget.Kind.BLACKOUT.of(windowId),
        describe(window));
  }

  private long insert(long tenantId, BlackoutWindow window, String createdBy) {
    em.createNativeQuery(
            "INSERT INTO tenant_blackout_window (tenant_id, days, start_minute, end_minute,"
                + " created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .setParameter(1, tenantId)
        .setParameter(2, window.days())
        .setParameter(3, window.startMinute())
        .setParameter(4, window.endMinute())
        .setParameter(5, createdBy)
        .setParameter(6, clock.instant())
        .executeUpdate();
    return ((Number) em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult()).longValue();
  }

  /**
   * An imported organisation's windows, as its bundle has them (the import checked who loads it):
   * each as {@link #add} would take it; one it would refuse (no weekday, a bad time, empty) is left
   * out, and no more than {@value #MAX_WINDOWS} are kept.
   *
   * @return how many were kept
   */
  @Transactional(Transactional.TxType.MANDATORY)
  int restore(long tenantId, List<TenancyExport.BlackoutItem> windows, String importedBy) {
    int kept = 0;
    for (TenancyExport.BlackoutItem item : windows) {
      if (kept == MAX_WINDOWS) {
        break;
      }
      Set<DayOfWeek> days = java.util.EnumSet.noneOf(DayOfWeek.class);
      for (String day : item.days() == null ? List.<String>of() : item.days()) {
        try {
          days.add(DayOfWeek.valueOf(String.valueOf(day).strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notADay) {
          days.clear();
          break;
        }
      }
      Integer from = minute(item.from(), false);
      Integer to = minute(item.to(), true);
      if (days.isEmpty() || from == null || to == null || from.equals(to)) {
        continue;
      }
      insert(tenantId, new BlackoutWindow(0, BlackoutWindow.mask(days), from, to), importedBy);
      kept++;
    }
    return kept;
  }

  /** The tenant's windows, earliest first, for its export (the caller checked who asks). */
  @Transactional
  public List<BlackoutWindow> ofTenant(long tenantId) {
    return windows(List.of(tenantId)).getOrDefault(tenantId, List.of());
  }

  /** Which of the tenants are in one of their windows at {@code at} (for the platform's moves). */
  @Transactional
  public Set<Long> blackedOut(Collection<Long> tenantIds, Instant at) {
    Set<Long> out = new HashSet<>();
    windows(tenantIds)
        .forEach(
            (tenant, windows) -> {
              if (BlackoutWindow.anyCovers(windows, at)) {
                out.add(tenant);
              }
            });
    return out;
  }

  private Map<Long, List<BlackoutWindow>> windows(Collection<Long> tenantIds) {
    Map<Long, List<BlackoutWindow>> byTenant = new HashMap<>();
    if (tenantIds.isEmpty()) {
      return byTenant;
    }
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT tenant_id, id, days, start_minute, end_minute FROM"
                        + " tenant_blackout_window WHERE tenant_id IN (?1)"
                        + " ORDER BY start_minute, id")
                .setParameter(1, Set.copyOf(tenantIds)))) {
      byTenant
          .computeIfAbsent(r.lng(0), t -> new ArrayList<>())
          .add(new BlackoutWindow(r.lng(1), (int) r.lng(2), (int) r.lng(3), (int) r.lng(4)));
    }
    return byTenant;
  }

  /** {@code HH:mm} to minutes after midnight; {@code 24:00} only as an end; null when malformed. */
  static Integer minute(String text, boolean end) {
    if (text == null) {
      return null;
    }
    Matcher m = CLOCK.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    int minute = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
    if (minute > BlackoutWindow.MINUTES_A_DAY || minute == BlackoutWindow.MINUTES_A_DAY && !end) {
      return null;
    }
    return minute;
  }

  private static String describe(BlackoutWindow w) {
    return AuditDetail.BLACKOUT.text(w.weekdays(), w.startText(), w.endText());
  }
}
