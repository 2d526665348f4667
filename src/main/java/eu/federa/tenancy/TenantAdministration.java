package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform admins' directory of organisations: every tenant with its country, VAT id, plan,
 * members, providers, this month's spend and state, searched, sorted and paged in the database; one
 * organisation in full; and its suspension and resumption.
 */
@ApplicationScoped
public class TenantAdministration {

  /** The longest reason a suspension takes. */
  static final int REASON_MAX = 500;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject UserAccountService accounts;
  @Inject ServiceAccounts serviceAccounts;
  @Inject Messages messages;
  @Inject Event<TenantSuspension> suspensions;
  @Inject Event<TenantSuspending> suspending;
  @Inject Instance<TenantFacts> facts;

  /** What the directory is sorted by; each sorts in the database. */
  public enum Sort {
    NAME("t.name"),
    COUNTRY("t.country_code"),
    CREATED("t.created_at"),
    MEMBERS("members"),
    STATE("state_rank");

    private final String column;

    Sort(String column) {
      this.column = column;
    }
  }

  /** An organisation's state, as the directory shows it. */
  public enum State {
    ACTIVE,
    SUSPENDED,
    LEAVING,
    CLOSED
  }

  /** A search of the directory: text in the name or VAT id (null: all), the order. */
  public record Search(String text, Sort sort, boolean descending) implements Serializable {
    public Search {
      text = text == null || text.isBlank() ? null : text.strip();
      sort = sort == null ? Sort.NAME : sort;
    }
  }

  /** One organisation as the directory lists it. */
  public record Entry(
      long id,
      String name,
      String countryCode,
      String vatId,
      Instant createdAt,
      long members,
      State state,
      Instant suspendedAt,
      String suspendedReason,
      String suspendedBy,
      String plan,
      List<String> providers,
      Map<String, Long> resources,
      BigDecimal spendThisMonthEur,
      TenantFacts.Invoices invoices)
      implements Serializable {}

  /** A member as the organisation's page shows them. */
  public record Member(long id, String name, String email, TenantRole role)
      implements Serializable {}

  /** A project with how many members it has. */
  public record ProjectLine(long id, String name, long members) implements Serializable {}

  /** One organisation in full. */
  public record Detail(
      Entry entry,
      String billingEmail,
      String residency,
      List<ProjectLine> projects,
      boolean suspensionPowersOff)
      implements Serializable {}

  private static final String SELECT =
      "SELECT t.id, t.name, t.country_code, t.vat_id, t.created_at,"
          + " (SELECT COUNT(*) FROM tenant_membership m WHERE m.tenant_id = t.id) AS members,"
          + " t.suspended_at, t.suspended_reason, t.suspended_by, t.closed_at,"
          + " t.orders_frozen_at,"
          + " CASE WHEN t.closed_at IS NOT NULL THEN 3 WHEN t.suspended_at IS NOT NULL THEN 1"
          + " WHEN t.orders_frozen_at IS NOT NULL THEN 2 ELSE 0 END AS state_rank"
          + " FROM tenant t";

  /** A page of the directory (platform admins). */
  @Transactional
  public List<Entry> list(Search search, int first, int max) {
    caller.requirePlatformAdmin();
    Query query =
        bind(
            em.createNativeQuery(
                SELECT
                    + where(search)
                    + " ORDER BY "
                    + search.sort().column
                    + (search.descending() ? " DESC" : " ASC")
                    + ", t.id"),
            search);
    List<Row> rows =
        Row.all(
            query
                .setFirstResult(Math.max(0, first))
                .setMaxResults(Math.max(1, Math.min(max, 200))));
    return withFacts(rows);
  }

  @Transactional
  public long count(Search search) {
    caller.requirePlatformAdmin();
    return Row.single(
            bind(em.createNativeQuery("SELECT COUNT(*) FROM tenant t" + where(search)), search))
        .lng(0);
  }

  private static String where(Search search) {
    return search.text() == null
        ? ""
        : " WHERE (t.name LIKE ?1 ESCAPE '!' OR t.vat_id LIKE ?1 ESCAPE '!' OR t.country_code = ?2)";
  }

  private static Query bind(Query query, Search search) {
    if (search.text() != null) {
      query
          .setParameter(1, eu.federa.platform.persistence.LikePattern.containing(search.text()))
          .setParameter(2, search.text());
    }
    return query;
  }

  private List<Entry> withFacts(List<Row> rows) {
    List<Long> ids = rows.stream().map(r -> r.lng(0)).toList();
    Map<TenantFacts.Fact, Map<Long, Object>> known = new EnumMap<>(TenantFacts.Fact.class);
    if (!ids.isEmpty()) {
      for (TenantFacts f : facts) {
        known.put(f.fact(), f.of(ids));
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (Row r : rows) {
      long id = r.lng(0);
      State state =
          r.instant(9) != null
              ? State.CLOSED
              : r.instant(6) != null
                  ? State.SUSPENDED
                  : r.instant(10) != null ? State.LEAVING : State.ACTIVE;
      entries.add(
          new Entry(
              id,
              r.str(1),
              r.str(2),
              r.str(3),
              r.instant(4),
              r.lng(5),
              state,
              r.instant(6),
              r.str(7),
              r.str(8),
              (String) fact(known, TenantFacts.Fact.PLAN, id),
              providers(fact(known, TenantFacts.Fact.PROVIDERS, id)),
              resources(fact(known, TenantFacts.Fact.RESOURCES, id)),
              (BigDecimal) fact(known, TenantFacts.Fact.SPEND_THIS_MONTH_EUR, id),
              (TenantFacts.Invoices) fact(known, TenantFacts.Fact.INVOICES, id)));
    }
    return entries;
  }

  private static Object fact(
      Map<TenantFacts.Fact, Map<Long, Object>> known, TenantFacts.Fact fact, long id) {
    return known.getOrDefault(fact, Map.of()).get(id);
  }

  private static Map<String, Long> resources(Object value) {
    Map<String, Long> byState = new java.util.LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> byState.put(String.valueOf(k), ((Number) v).longValue()));
    }
    return byState;
  }

  private static List<String> providers(Object value) {
    if (value instanceof List<?> names) {
      return names.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  /**
   * One organisation in full (platform admins).
   *
   * @throws NotFoundException when there is none with that id
   */
  @Transactional
  public Detail detail(long tenantId) {
    caller.requirePlatformAdmin();
    Tenant tenant = em.find(Tenant.class, tenantId);
    if (tenant == null) {
      throw new NotFoundException("tenant", tenantId);
    }
    Entry entry =
        withFacts(
                Row.all(
                    em.createNativeQuery(SELECT + " WHERE t.id = ?1").setParameter(1, tenantId)))
            .get(0);
    List<ProjectLine> projects =
        Row.all(
                em.createNativeQuery(
                        "SELECT p.id, p.name, (SELECT COUNT(*) FROM project_member pm"
                            + " WHERE pm.project_id = p.id) FROM project p WHERE p.tenant_id = ?1"
                            + " ORDER BY p.name, p.id")
                    .setParameter(1, tenantId))
            .stream()
            .map(r -> new ProjectLine(r.lng(0), r.str(1), r.lng(2)))
            .toList();
    return new Detail(
        entry,
        tenant.getBillingEmail(),
        tenant.getResidency().isEuOnly()
            ? "EU"
            : String.join(", ", tenant.getResidency().countries()),
        projects,
        tenant.isSuspensionPowersOff());
  }

  /**
   * One page of the organisation's members by name, with how many there are (platform admins).
   *
   * @throws NotFoundException when there is no organisation with that id
   */
  @Transactional
  public ResultPage<Member> members(long tenantId, int first, int max) {
    caller.requirePlatformAdmin();
    if (em.find(Tenant.class, tenantId) == null) {
      throw new NotFoundException("tenant", tenantId);
    }
    MemberOrder order = new MemberOrder(em, tenantId, null, true);
    List<Membership> memberships = order.memberships(order.ids(first, max));
    List<String> subjects = memberships.stream().map(Membership::getUserSubject).toList();
    Map<String, UserAccount> people = accounts.bySubject(subjects);
    Map<String, String> scripts = serviceAccounts.namesOf(subjects);
    return new ResultPage<>(
        memberships.stream()
            .map(
                m -> {
                  UserAccount a = people.get(m.getUserSubject());
                  String script = scripts.get(m.getUserSubject());
                  return new Member(
                      m.getId(),
                      script != null ? script : a == null ? m.getUserSubject() : a.displayName(),
                      a == null ? null : a.email(),
                      m.getRole());
                })
            .toList(),
        order.count());
  }

  /**
   * Suspends the organisation (platform admins): its members may still sign in, read, export and
   * leave, not order or change anything; its admins are told why, by mail. With {@code powerOff},
   * its running VMs are powered off too (and on again when it is resumed). Audited.
   *
   * @throws InvalidInputException without a reason, or with one too long
   * @throws ConflictException when it is suspended already or has left
   */
  @Transactional
  public void suspend(long tenantId, String reason, boolean powerOff) {
    caller.requirePlatformAdmin();
    String why = reason == null ? "" : reason.strip();
    List<FieldError> errors = new ArrayList<>();
    if (why.isEmpty()) {
      errors.add(FieldError.of("reason", "tenantAdmin.error.reason"));
    } else if (why.length() > REASON_MAX) {
      errors.add(FieldError.of("reason", "tenantAdmin.error.reasonLength", REASON_MAX));
    } else if (!TextRules.isClean(why, true)) {
      errors.add(FieldError.of("reason", "tenantAdmin.error.reasonText"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    // Before anything else: acting work under way commits first, later work sees the suspension.
    suspending.fire(new TenantSuspending(tenantId));
    Tenant tenant = locked(tenantId);
    if (tenant.getClosedAt() != null) {
      throw new ConflictException("tenantAdmin.error.closed");
    }
    if (tenant.isSuspended()) {
      throw new ConflictException("tenantAdmin.error.alreadySuspended");
    }
    String by = caller.user().map(AuthenticatedUser::displayName).orElse("?");
    tenant.suspend(why, by, powerOff, clock.instant());
    audit.success(
        AuditAction.TENANT_SUSPENDED,
        tenantId,
        tenant.getName(),
        (powerOff ? AuditDetail.SUSPENDED_POWERED_OFF : AuditDetail.SUSPENDED).text(why));
    suspensions.fire(new TenantSuspension(tenantId, true, powerOff));
    tellAdmins(
        tenant, MailTemplate.TENANT_SUSPENDED, Map.of("tenant", tenant.getName(), "reason", why));
  }

  /**
   * Lets a suspended organisation act again (platform admins); its admins are told. Audited.
   *
   * @throws ConflictException when it is not suspended
   */
  @Transactional
  public void resume(long tenantId) {
    caller.requirePlatformAdmin();
    Tenant tenant = locked(tenantId);
    if (!tenant.isSuspended()) {
      throw new ConflictException("tenantAdmin.error.notSuspended");
    }
    String reason = tenant.getSuspendedReason();
    boolean poweredOff = tenant.isSuspensionPowersOff();
    tenant.resume();
    audit.success(
        AuditAction.TENANT_RESUMED, tenantId, tenant.getName(), AuditDetail.RESUMED.text(reason));
    suspensions.fire(new TenantSuspension(tenantId, false, poweredOff));
    tellAdmins(tenant, MailTemplate.TENANT_RESUMED, Map.of("tenant", tenant.getName()));
  }

  private Tenant locked(long tenantId) {
    Tenant tenant = em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (tenant == null) {
      throw new NotFoundException("tenant", tenantId);
    }
    return tenant;
  }

  private void tellAdmins(Tenant tenant, MailTemplate template, Map<String, ?> values) {
    List<String> admins =
        em.createQuery(
                "select m.userSubject from Membership m where m.tenant.id = :t and m.role = :r",
                String.class)
            .setParameter("t", tenant.getId())
            .setParameter("r", TenantRole.TENANT_ADMIN)
            .getResultList();
    Map<String, Object> filled = new HashMap<>(values);
    for (UserAccount a : accounts.bySubject(admins).values()) {
      if (a.email() != null && !a.email().isBlank()) {
        messages.send(tenant.getId(), a.email(), template, filled);
      }
    }
  }
}
