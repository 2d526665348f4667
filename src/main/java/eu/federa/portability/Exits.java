package eu.federa.portability;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.config.Setting;
import eu.federa.platform.i18n.Day;
import eu.federa.platform.persistence.LikePattern;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantPermission;
import eu.federa.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's switching and exit (Data Act Art. 25), as its admins file, follow, extend, freeze or
 * cancel it, and as platform admins justify a longer transition. The timeline's deadlines are acted
 * on by the {@link ExitWorker}. Another tenant's request is not found.
 */
@ApplicationScoped
public class Exits {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject TenantDirectory tenants;
  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Messages messages;
  @Inject UserAccountService accounts;
  @Inject ErasureRecords records;
  @Inject RecordSigner signer;
  @Inject Clock clock;

  /**
   * What a request starting on {@code startDate} would mean, shown before it is confirmed: its
   * dates and its switching charge.
   */
  public record Quote(
      Instant transitionStartsAt,
      Instant transitionEndsAt,
      Instant retrievalEndsAt,
      BigDecimal switchingChargeEur,
      boolean chargesAllowed)
      implements Serializable {}

  /** The timeline and charge of a request starting that day (tenant admins). */
  @Transactional
  public Quote quote(long tenantId, String destination, String startDate) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    ExitForm form =
        new ExitForm(
            ExitForm.destinationOf(destination),
            null,
            ExitForm.dateOf("startDate", startDate),
            false);
    ExitRequest draft = draft(tenantId, "?", form, clock.instant());
    return new Quote(
        draft.getTransitionStartsAt(),
        draft.getTransitionEndsAt(),
        draft.getRetrievalEndsAt(),
        draft.getSwitchingChargeEur(),
        ExitCharges.allowedAt(draft.getTransitionStartsAt()));
  }

  /**
   * Files the organisation's request (tenant admins); its admins are told.
   *
   * @throws ConflictException when one is open already
   */
  @Transactional
  public ExitView request(long tenantId, ExitForm form) {
    Membership admin = access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    if (openRequest(tenantId).isPresent()) {
      throw new ConflictException("exit.error.open");
    }
    Instant now = clock.instant();
    ExitRequest e = draft(tenantId, admin.getUserSubject(), form, now);
    try {
      em.persist(e);
      em.flush();
    } catch (PersistenceException concurrent) {
      throw new ConflictException("exit.error.open"); // another admin's got in first
    }
    if (form.freezeOrders()) {
      tenants.freezeOrders(tenantId, now);
    }
    audit.success(
        AuditAction.EXIT_REQUESTED,
        tenantId,
        target(e),
        (form.freezeOrders() ? AuditDetail.EXIT_FILED_FROZEN : AuditDetail.EXIT_FILED)
            .text(
                e.getDestination(), day(e.getTransitionStartsAt()), day(e.getTransitionEndsAt())));
    tellAdmins(e, MailTemplate.EXIT_FILED);
    return ExitView.of(e, false);
  }

  private ExitRequest draft(long tenantId, String by, ExitForm form, Instant now) {
    form.check();
    Instant start = form.startDate().atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant startsAt = start.isBefore(now) ? now : start;
    return new ExitRequest(
        tenantId,
        by,
        now,
        form.destination(),
        form.note(),
        startsAt,
        ExitCharges.chargeFor(startsAt),
        Duration.ofDays(Setting.EXPORT_RETENTION_DAYS.intValue()));
  }

  /** The organisation's open request, or its latest one; empty when it never filed one. */
  @Transactional
  public Optional<ExitView> current(long tenantId) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    return em.createQuery(
            "select e from ExitRequest e where e.tenantId = :t order by e.id desc",
            ExitRequest.class)
        .setParameter("t", tenantId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(e -> ExitView.of(e, recorded(e.getId())));
  }

  /** One request of the organisation (tenant admins). */
  @Transactional
  public ExitView exit(long tenantId, long exitId) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    ExitRequest e = find(tenantId, exitId, false);
    return ExitView.of(e, recorded(e.getId()));
  }

  /** The tenant's one extension of its transition, to the end of {@code newEndDate} (UTC). */
  @Transactional
  public ExitView extend(long tenantId, long exitId, String newEndDate) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    ExitRequest e = find(tenantId, exitId, true);
    e.extend(endOf(ExitForm.dateOf("newEnd", newEndDate)), clock.instant());
    audit.success(
        AuditAction.EXIT_EXTENDED,
        tenantId,
        target(e),
        AuditDetail.EXIT_EXTENDED.text(day(e.getTransitionEndsAt())));
    return ExitView.of(e, false);
  }

  /** Cancels the request before its transition ends: orders are open again; its admins are told. */
  @Transactional
  public ExitView cancel(long tenantId, long exitId) {
    Membership admin = access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    ExitRequest e = find(tenantId, exitId, true);
    e.cancel(admin.getUserSubject(), clock.instant());
    tenants.freezeOrders(tenantId, null);
    audit.success(
        AuditAction.EXIT_CANCELLED, tenantId, target(e), AuditDetail.EXIT_CANCELLED.text());
    tellAdmins(e, MailTemplate.EXIT_CANCELLED);
    return ExitView.of(e, false);
  }

  /** Stops (or lets again) the organisation's orders while its request is open. */
  @Transactional
  public void freezeOrders(long tenantId, long exitId, boolean frozen) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    ExitRequest e = find(tenantId, exitId, true);
    if (!e.getPhase().beforeTransitionEnd()) {
      throw new ConflictException("exit.error.transitionOver", e.getPhase().name());
    }
    tenants.freezeOrders(tenantId, frozen ? clock.instant() : null);
    audit.success(
        AuditAction.EXIT_ORDERS_FROZEN,
        tenantId,
        target(e),
        (frozen ? AuditDetail.ORDERS_FROZEN : AuditDetail.ORDERS_OPEN).text());
  }

  /** Whether the organisation may not order now. */
  @Transactional
  public boolean ordersFrozen(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return tenants.ordersFrozen(tenantId);
  }

  // ------------------------------------------------------------------ platform admins

  /**
   * The federation's open requests, the next deadline first, rows {@code first} to {@code first +
   * max} and how many there are (platform admins).
   */
  @Transactional
  public ResultPage<ExitView> open(int first, int max) {
    caller.requirePlatformAdmin();
    return ResultPage.read(
        em.createQuery(
            "select count(e) from ExitRequest e where e.activeTenantId is not null", Long.class),
        em.createQuery(
            "select e from ExitRequest e where e.activeTenantId is not null"
                + " order by e.nextActionAt, e.id",
            ExitRequest.class),
        first,
        max,
        e -> ExitView.of(e, false));
  }

  /**
   * A longer transition, where the switch is technically not feasible sooner, with its written
   * justification (platform admins); the tenant's admins see it on their timeline.
   */
  @Transactional
  public ExitView justify(long exitId, String newEndDate, String justification) {
    caller.requirePlatformAdmin();
    ExitRequest e = em.find(ExitRequest.class, exitId, LockModeType.PESSIMISTIC_WRITE);
    if (e == null) {
      throw new NotFoundException("exit", exitId);
    }
    e.justify(
        endOf(ExitForm.dateOf("newEnd", newEndDate)),
        justification,
        caller.user().map(u -> u.subject()).orElse("?"),
        clock.instant());
    audit.success(
        AuditAction.EXIT_JUSTIFIED,
        e.getTenantId(),
        target(e),
        AuditDetail.EXIT_JUSTIFIED.text(day(e.getTransitionEndsAt()), e.getJustification()));
    return ExitView.of(e, false);
  }

  // ------------------------------------------------------------------ the record

  /** An erasure record the caller may read: as one of the tenant's admins then, or now. */
  @Transactional
  public ExitView erasedExit(long exitId) {
    return ExitView.of(recordOf(exitId), true);
  }

  /**
   * The exits whose erasure record the caller keeps as a former admin, newest first: rows {@code
   * first} to {@code first + max} and how many there are.
   */
  @Transactional
  public ResultPage<ExitView> myRecords(int first, int max) {
    String me = caller.user().map(u -> u.subject()).orElse(null);
    if (me == null || me.contains(",")) {
      return new ResultPage<>(List.of(), 0); // no subject is kept with a comma in it
    }
    // The admins are kept as ",a,b,": the same test as ExitRequest.formerAdmin, in the database.
    String listed = "%," + LikePattern.literal(me) + ",%";
    return ResultPage.read(
        em.createQuery(
                "select count(e) from ExitRequest e where e.formerAdmins like :me escape '!'",
                Long.class)
            .setParameter("me", listed),
        em.createQuery(
                "select e from ExitRequest e where e.formerAdmins like :me escape '!'"
                    + " order by e.id desc",
                ExitRequest.class)
            .setParameter("me", listed),
        first,
        max,
        e -> ExitView.of(e, true));
  }

  /**
   * The request behind a record the caller may read, the download audited.
   *
   * @throws NotFoundException when there is no record or the caller was not an admin of the tenant
   */
  ExitRequest recordOf(long exitId) {
    ExitRequest e = em.find(ExitRequest.class, exitId);
    String me = caller.user().map(u -> u.subject()).orElse(null);
    if (e == null || !recorded(exitId)) {
      throw new NotFoundException("erasure record", exitId);
    }
    boolean adminNow =
        tenants.members(e.getTenantId()).get(me == null ? "" : me) == TenantRole.TENANT_ADMIN;
    if (!e.formerAdmin(me) && !adminNow) {
      throw new NotFoundException("erasure record", exitId);
    }
    return e;
  }

  /** One form of an erasure record, to download. */
  public record RecordFile(byte[] bytes, String mediaType, String fileName) {}

  /** The forms a record is downloaded in. */
  public enum RecordForm {
    /** the JSON exactly as signed */
    JSON,
    /** the Ed25519 signature of the JSON, base64 */
    SIGNATURE,
    /** the certificate printed from the JSON */
    PDF
  }

  /**
   * An erasure record, for one of the tenant's admins when the erasure started (or an admin now);
   * each download audited.
   *
   * @throws NotFoundException when there is none or the caller may not read it
   */
  @Transactional
  public RecordFile recordFile(long exitId, RecordForm form) {
    ExitRequest e = recordOf(exitId);
    ErasureRecords.Stored stored = records.stored(exitId);
    audit.success(AuditAction.EXIT_RECORD_DOWNLOADED, e.getTenantId(), target(e), form.name());
    String base = "federa-erasure-record-" + exitId;
    return switch (form) {
      case JSON -> new RecordFile(stored.bytes(), "application/json", base + ".json");
      case SIGNATURE ->
          new RecordFile(
              (stored.signature() + "\n").getBytes(StandardCharsets.US_ASCII),
              "text/plain",
              base + ".json.sig");
      case PDF -> new RecordFile(ErasureRecords.pdf(stored), "application/pdf", base + ".pdf");
    };
  }

  /** The public key that checks records (X.509, base64) and its id; empty when none is set. */
  public String[] recordKey() {
    return new String[] {signer.publicKeyBase64(), signer.keyId()};
  }

  // ------------------------------------------------------------------ shared

  private Optional<ExitRequest> openRequest(long tenantId) {
    return em.createQuery(
            "select e from ExitRequest e where e.activeTenantId = :t", ExitRequest.class)
        .setParameter("t", tenantId)
        .getResultStream()
        .findFirst();
  }

  private ExitRequest find(long tenantId, long exitId, boolean lock) {
    ExitRequest e =
        lock
            ? em.find(ExitRequest.class, exitId, LockModeType.PESSIMISTIC_WRITE)
            : em.find(ExitRequest.class, exitId);
    if (e == null || e.getTenantId() != tenantId) {
      throw new NotFoundException("exit", exitId);
    }
    return e;
  }

  boolean recorded(long exitId) {
    return !em.createNativeQuery("SELECT 1 FROM exit_record WHERE exit_id = ?1")
        .setParameter(1, exitId)
        .getResultList()
        .isEmpty();
  }

  /** Tells the tenant's admins now (those with an address) about their exit. */
  void tellAdmins(ExitRequest e, MailTemplate template) {
    List<String> admins =
        tenants.members(e.getTenantId()).entrySet().stream()
            .filter(m -> m.getValue() == TenantRole.TENANT_ADMIN)
            .map(Map.Entry::getKey)
            .toList();
    String name = tenants.names(List.of(e.getTenantId())).getOrDefault(e.getTenantId(), "");
    Map<String, Object> values =
        Map.of(
            "tenant", name,
            "transitionStarts", new Day(e.getTransitionStartsAt()),
            "transitionEnds", new Day(e.getTransitionEndsAt()),
            "retrievalEnds", new Day(e.getRetrievalEndsAt()));
    // The message announcing the erasure is not the tenant's: the erasure deletes the tenant's
    // messages, and this one stays as the platform's notice that it happened.
    Long tenantOfMessage = template == MailTemplate.EXIT_ERASING ? null : e.getTenantId();
    for (UserAccount a : accounts.bySubject(admins).values()) {
      if (a.email() != null && !a.email().isBlank()) {
        messages.send(tenantOfMessage, a.email(), template, template.only(values));
      }
    }
  }

  /** The last moment of a day (UTC): a transition extended "to" a day runs through it. */
  static Instant endOf(LocalDate day) {
    if (day == null) {
      throw new InvalidInputException(FieldError.of("newEnd", "exit.error.newEnd"));
    }
    return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
  }

  static String day(Instant at) {
    return at == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(at.atOffset(ZoneOffset.UTC));
  }

  static String target(ExitRequest e) {
    return AuditTarget.Kind.EXIT.of(e.getId());
  }
}
