package eu.federa.portability;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.billing.Invoices;
import eu.federa.cloud.registry.ProviderErasure;
import eu.federa.mail.MailTemplate;
import eu.federa.platform.exit.Erased;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.text.Reason;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The exit worker's transactions. A due request is claimed (SKIP LOCKED, with a lease); each step
 * then records its outcome fenced by that claim, so that every deadline is acted on once, whichever
 * node gets there first, and a node that lost its claim records nothing.
 */
@ApplicationScoped
public class ExitSteps {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject AuditLog audit;
  @Inject TenantDirectory tenants;
  @Inject Exits exits;
  @Inject Exports exports;
  @Inject Invoices invoices;
  @Inject ErasureRecords records;

  /** A request this worker holds for one step. */
  public record Claim(
      long id, long tenantId, String token, ExitPhase phase, ExitStep step, int attempts) {}

  /** The claim was lost (its lease taken over): the worker drops the step. */
  static final class LostClaim extends RuntimeException {
    LostClaim(long id) {
      super("exit " + id + ": claim lost");
    }
  }

  /** Claims the next request whose deadline or step is due at {@code now}. */
  @Transactional
  public Optional<Claim> claimDue(Instant now, Duration lease) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM exit_request WHERE active_tenant_id IS NOT NULL"
                    + " AND next_action_at <= ?1"
                    + " AND (step_lease_until IS NULL OR step_lease_until < ?1)"
                    + " ORDER BY next_action_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .getResultList();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    ExitRequest e = em.find(ExitRequest.class, ids.get(0).longValue());
    String token = UUID.randomUUID().toString();
    e.claimed(token, now.plus(lease));
    return Optional.of(
        new Claim(
            e.getId(), e.getTenantId(), token, e.getPhase(), e.getStep(), e.getStepAttempts()));
  }

  /** The notice is over: the transition starts; the admins are told. */
  @Transactional
  public void startTransition(Claim c) {
    ExitRequest e = held(c);
    e.transitionStarted();
    audit.bySystem(
        AuditAction.EXIT_PHASE,
        e.getTenantId(),
        Exits.target(e),
        AuditDetail.TRANSITION_STARTED.text());
    exits.tellAdmins(e, MailTemplate.EXIT_TRANSITION);
  }

  /**
   * The transition is over: orders stop for good, the retrieval window opens; the admins are told.
   */
  @Transactional
  public void endTransition(Claim c, Instant now) {
    ExitRequest e = held(c);
    e.transitionEnded(now);
    if (!tenants.ordersFrozen(e.getTenantId())) {
      tenants.freezeOrders(e.getTenantId(), now);
    }
    audit.bySystem(
        AuditAction.EXIT_PHASE,
        e.getTenantId(),
        Exits.target(e),
        AuditDetail.TRANSITION_ENDED.text(Exits.day(e.getRetrievalEndsAt())));
    exits.tellAdmins(e, MailTemplate.EXIT_RETRIEVAL);
  }

  /**
   * Asks for the final bundle (kept until the retrieval window ends), or waits for a running one.
   */
  @Transactional
  public void askFinalExport(Claim c, Instant now) {
    ExitRequest e = held(c);
    Optional<Long> id = exports.requestFinal(e.getTenantId(), e.getRetrievalEndsAt());
    if (id.isPresent()) {
      e.finalExportAsked(id.get(), now);
    } else {
      e.retryAt(Reason.keyed("exit.reason.exportRunning"), now.plusSeconds(10));
    }
  }

  /** Looks at the final bundle: once made (or given up), the services are ended next. */
  @Transactional
  public void checkFinalExport(Claim c, Instant now) {
    ExitRequest e = held(c);
    ExportState state = exports.stateOf(e.getFinalExportId());
    switch (state) {
      case READY -> e.finalExportDone(now);
      case FAILED, EXPIRED -> {
        // Tried three times by the export worker: the admins can still ask for a bundle
        // themselves on the Exports page during the retrieval window.
        audit.bySystem(
            AuditAction.EXIT_PHASE,
            e.getTenantId(),
            Exits.target(e),
            AuditDetail.FINAL_EXPORT_FAILED.text());
        e.finalExportDone(now);
      }
      default -> e.waitUntil(now.plusSeconds(5));
    }
  }

  /** Records how many services are still ending: none, and the window runs to its end. */
  @Transactional
  public void servicesEnding(Claim c, int remaining, Instant now) {
    ExitRequest e = held(c);
    if (remaining == 0) {
      e.servicesEnded();
    } else {
      e.retryAt(Reason.keyed("exit.reason.servicesEnding", remaining), now.plusSeconds(10));
    }
  }

  /** The retrieval window is over: the erasure starts; the admins are told. */
  @Transactional
  public void startErasure(Claim c, Instant now) {
    ExitRequest e = held(c);
    List<String> admins =
        tenants.members(e.getTenantId()).entrySet().stream()
            .filter(m -> m.getValue() == TenantRole.TENANT_ADMIN)
            .map(Map.Entry::getKey)
            .toList();
    exits.tellAdmins(e, MailTemplate.EXIT_ERASING);
    e.erasureStarted(admins, now);
    audit.bySystem(
        AuditAction.EXIT_PHASE,
        e.getTenantId(),
        Exits.target(e),
        AuditDetail.ERASURE_STARTED.text());
  }

  /** Closes the account with its final invoices; recorded among what was kept. */
  @Transactional
  public void closeAccount(Claim c, Instant now) {
    ExitRequest e = held(c);
    List<String> numbers = invoices.issueFinal(e.getTenantId());
    item(
        e.getId(),
        "Federa",
        "final invoices",
        "ISSUED",
        numbers.isEmpty() ? "nothing left to bill" : String.join(", ", numbers),
        now);
    e.next(ExitStep.PROVIDERS, now);
  }

  /** Records a provider pass: its answers; when every provider is done, the Federa step next. */
  @Transactional
  public void providersPassed(
      Claim c, List<ProviderErasure.Answer> answers, boolean allDone, Instant now) {
    ExitRequest e = held(c);
    for (ProviderErasure.Answer a : answers) {
      item(e.getId(), a.provider(), a.object(), a.outcome().name(), a.answer(), now);
    }
    if (allDone) {
      e.next(ExitStep.FEDERA, now);
    } else {
      e.retryAt(Reason.keyed("exit.reason.providersBusy"), now.plusSeconds(20));
    }
  }

  /** Records what each capability erased in Federa; the record next. */
  @Transactional
  public void federaErased(Claim c, List<Erased> erased, Instant now) {
    ExitRequest e = held(c);
    for (Erased x : erased) {
      String answer =
          x.count()
              + " records"
              + (x.keptUntil() == null ? "" : ", kept until " + x.keptUntil() + ": " + x.why());
      item(e.getId(), "Federa", x.what(), x.outcome().name(), answer, now);
    }
    e.next(ExitStep.RECORD, now);
  }

  /** Writes and signs the record; the exit is over. */
  @Transactional
  public void recordAndEnd(Claim c, Instant now) {
    ExitRequest e = held(c);
    List<ErasureRecords.Item> items =
        Row.all(
                em.createNativeQuery(
                        "SELECT place, object, outcome, answer, done_at FROM exit_erasure_item"
                            + " WHERE exit_id = ?1 ORDER BY id")
                    .setParameter(1, e.getId()))
            .stream()
            .map(r -> new ErasureRecords.Item(r.str(0), r.str(1), r.str(2), r.str(3), r.instant(4)))
            .toList();
    List<String> finalInvoices =
        items.stream()
            .filter(i -> i.object().equals("final invoices") && !i.answer().startsWith("nothing"))
            .flatMap(i -> List.of(i.answer().split(", ")).stream())
            .toList();
    String name = tenants.names(List.of(e.getTenantId())).getOrDefault(e.getTenantId(), "");
    ErasureRecords.Stored stored = records.write(e, name, finalInvoices, items, now);
    e.erased(now);
    audit.bySystem(
        AuditAction.EXIT_ERASED,
        e.getTenantId(),
        Exits.target(e),
        AuditDetail.ERASED_ITEMS.text(items.size(), stored.sha256()));
  }

  /**
   * Keeps the claim for another lease while a long step goes on (between providers, between
   * capabilities), so that no other node takes the step over meanwhile.
   *
   * @throws LostClaim when another worker holds it now: this one stops
   */
  @Transactional
  public void renew(Claim c, Instant leaseUntil) {
    held(c).claimed(c.token(), leaseUntil);
  }

  /** The step could not be done now: tried again at {@code at}, saying why. */
  @Transactional
  public void retry(Claim c, Reason why, Instant at) {
    ExitRequest e = em.find(ExitRequest.class, c.id(), LockModeType.PESSIMISTIC_WRITE);
    if (e != null && e.heldBy(c.token())) {
      e.retryAt(why, at);
    }
  }

  /** The people of the tenant now, and those of them who belong to no other tenant. */
  @Transactional
  public Set<String> leavingFedera(long tenantId) {
    Set<String> members = new HashSet<>(tenants.members(tenantId).keySet());
    members.removeAll(tenants.membersElsewhere(members, tenantId));
    return members;
  }

  private void item(
      long exitId, String place, String object, String outcome, String answer, Instant now) {
    em.createNativeQuery(
            "INSERT INTO exit_erasure_item (exit_id, place, object, outcome, answer, done_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .setParameter(1, exitId)
        .setParameter(2, cut(place, 120))
        .setParameter(3, cut(object, 300))
        .setParameter(4, outcome)
        .setParameter(5, cut(answer, 1000))
        .setParameter(6, now)
        .executeUpdate();
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private ExitRequest held(Claim c) {
    ExitRequest e = em.find(ExitRequest.class, c.id(), LockModeType.PESSIMISTIC_WRITE);
    if (e == null || !e.heldBy(c.token())) {
      throw new LostClaim(c.id());
    }
    return e;
  }
}
