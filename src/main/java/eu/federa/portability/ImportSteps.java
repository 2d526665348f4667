package eu.federa.portability;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.text.Reason;
import eu.federa.tenancy.TenantImports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The import worker's transactions: claiming an import (SKIP LOCKED, leased), recreating the
 * organisation together with the import's step, and each VM's progress, each fenced by the claim: a
 * worker whose lease was taken over records nothing.
 */
@ApplicationScoped
public class ImportSteps {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject TenantImports tenants;
  @Inject AuditLog audit;

  /** An import claimed by this worker. */
  public record Claim(long id, String token) {}

  /** The claim was lost (its lease taken over): the worker stops. */
  static final class LostClaim extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LostClaim(long id) {
      super("import " + id + ": claim lost");
    }
  }

  /** What the worker needs of the import, read once per claim. */
  record Snapshot(
      long id,
      String fileName,
      boolean sameIssuer,
      String name,
      String countryCode,
      String vatId,
      Long tenantId,
      BundleImport.Step step,
      String importedBy,
      String linkBase) {}

  /** Claims the next import due, or one whose worker stopped (its lease over). */
  @Transactional
  public Optional<Claim> claimNext(Duration lease) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM bundle_import WHERE (state = 'QUEUED' AND next_attempt_at <= ?1)"
                    + " OR (state = 'RUNNING' AND step_lease_until < ?1)"
                    + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .getResultList();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    BundleImport i = em.find(BundleImport.class, ids.get(0).longValue());
    String token = UUID.randomUUID().toString();
    i.claimed(token, now, now.plus(lease));
    return Optional.of(new Claim(i.getId(), token));
  }

  @Transactional
  public Snapshot load(Claim claim) {
    BundleImport i = held(claim);
    return new Snapshot(
        i.getId(),
        i.getFileName(),
        i.isSameIssuer(),
        i.getName(),
        i.getCountryCode(),
        i.getVatId(),
        i.getTenantId(),
        i.getStep(),
        i.getImportedBy(),
        i.getLinkBase());
  }

  /** The import's VMs in a state, oldest first (copies: changes go through the methods below). */
  @Transactional
  public List<BundleImportVm> vms(Claim claim, BundleImportVm.State state) {
    held(claim);
    List<BundleImportVm> found =
        em.createQuery(
                "select v from BundleImportVm v where v.importId = :i and v.state = :s order by v.id",
                BundleImportVm.class)
            .setParameter("i", claim.id())
            .setParameter("s", state)
            .getResultList();
    found.forEach(em::detach);
    return found;
  }

  /** The organisation is recreated, in the same transaction as the step that records it. */
  @Transactional
  public void organisation(
      Claim claim,
      TenantImports.Organisation org,
      List<TenantImports.ProjectItem> projects,
      List<TenantImports.MemberItem> members,
      List<TenantImports.RuleItem> rules,
      List<TenantImports.InvitationItem> open,
      Duration lease) {
    BundleImport i = held(claim);
    TenantImports.Recreated r =
        tenants.recreate(
            org,
            projects,
            members,
            rules,
            open,
            i.isSameIssuer(),
            i.getImportedBy(),
            i.getLinkBase());
    Instant now = clock.instant();
    i.recreated(r.tenantId(), r.joined(), r.invited(), r.blackoutWindowsLeftOut(), now);
    i.renewed(now, now.plus(lease));
  }

  /** Renews the lease: the worker is still at it. */
  @Transactional
  public void renew(Claim claim, Duration lease) {
    Instant now = clock.instant();
    held(claim).renewed(now, now.plus(lease));
  }

  @Transactional
  public void copied(Claim claim, long vmId, long bytes, Duration lease) {
    renew(claim, lease);
    vm(claim, vmId).copied(bytes, clock.instant());
  }

  @Transactional
  public void staged(Claim claim, long vmId) {
    vm(claim, vmId).staged(clock.instant());
  }

  @Transactional
  public void ordered(Claim claim, long vmId, long orderId) {
    vm(claim, vmId).ordered(orderId, clock.instant());
  }

  @Transactional
  public void at(Claim claim, long vmId, String providerName) {
    vm(claim, vmId).at(providerName, clock.instant());
  }

  @Transactional
  public void running(Claim claim, long vmId, String providerName) {
    vm(claim, vmId).running(providerName, clock.instant());
  }

  /** The VM is not recreated, for {@code why}. */
  @Transactional
  public void vmFailed(Claim claim, long vmId, Reason why) {
    vm(claim, vmId).failed(why.encoded(), clock.instant());
  }

  @Transactional
  public void stepDone(Claim claim, BundleImport.Step next) {
    held(claim).stepDone(next, clock.instant());
  }

  /** Looked at again after {@code wait}, by any node; the claim ends. */
  @Transactional
  public void later(Claim claim, Duration wait) {
    held(claim).later(clock.instant(), wait);
  }

  /**
   * An attempt failed for a reason that may pass: tried again later, saying {@code whyRetried};
   * given up in the end, saying {@code whyGivenUp}.
   */
  @Transactional
  public void attemptFailed(Claim claim, Reason whyRetried, Reason whyGivenUp) {
    BundleImport i = held(claim);
    i.attemptFailed(whyRetried.encoded(), whyGivenUp.encoded(), clock.instant());
    if (i.getState() == BundleImport.State.FAILED) {
      finished(i, whyGivenUp.english());
    }
  }

  /** Given up for a reason that does not pass (the bundle cannot be loaded here). */
  @Transactional
  public void failed(Claim claim, Reason why) {
    BundleImport i = held(claim);
    i.failed(why.encoded(), clock.instant());
    finished(i, why.english());
  }

  /** Every VM is recreated or given up: the import is over. */
  @Transactional
  public void done(Claim claim) {
    BundleImport i = held(claim);
    i.done(clock.instant());
    finished(i, null);
  }

  /** Audits the end: done ({@code why} null), or why not. */
  private void finished(BundleImport i, String why) {
    List<Object[]> counts =
        em.createQuery(
                "select v.state, count(v) from BundleImportVm v where v.importId = :i"
                    + " group by v.state order by v.state",
                Object[].class)
            .setParameter("i", i.getId())
            .getResultList();
    StringBuilder vms = new StringBuilder();
    for (Object[] c : counts) {
      vms.append(vms.isEmpty() ? "" : ", ").append(c[1]).append(' ').append(c[0]);
    }
    audit.bySystem(
        AuditAction.IMPORT_FINISHED,
        i.getTenantId(),
        AuditTarget.Kind.IMPORT.of(i.getId()),
        why != null
            ? AuditDetail.IMPORT_FAILED.text(why, vms.isEmpty() ? "none" : vms)
            : vms.isEmpty()
                ? AuditDetail.IMPORTED_NO_VMS.text()
                : AuditDetail.IMPORTED_VMS.text(vms));
  }

  private BundleImportVm vm(Claim claim, long vmId) {
    held(claim);
    BundleImportVm v = em.find(BundleImportVm.class, vmId);
    if (v == null || v.getImportId() != claim.id()) {
      throw new LostClaim(claim.id());
    }
    return v;
  }

  private BundleImport held(Claim claim) {
    BundleImport i = em.find(BundleImport.class, claim.id());
    if (i == null || !i.heldBy(claim.token())) {
      throw new LostClaim(claim.id());
    }
    return i;
  }
}
