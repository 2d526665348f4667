package eu.federa.storage;

import eu.federa.billing.Metering;
import eu.federa.platform.text.Reason;
import eu.federa.quota.QuotaReservations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The snapshot worker's transactions, like {@link VolumeSteps}: claims (SKIP LOCKED) and each
 * step's outcome, fenced by the claim; metering follows the snapshot's state.
 */
@ApplicationScoped
public class SnapshotSteps {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject Metering metering;
  @Inject QuotaReservations quota;

  /** Claims up to {@code max} snapshots with a step due, each for {@code lease}. */
  @Transactional
  public List<VolumeSteps.Claim> claimDue(int max, Duration lease) {
    return VolumeSteps.claim(
        em,
        "disk_snapshot",
        "'CREATING', 'REVERTING', 'DELETING'",
        max,
        clock.instant(),
        Snapshot.class,
        lease);
  }

  @Transactional
  public Snapshot load(long snapshotId) {
    return VolumeSteps.load(em, Snapshot.class, snapshotId);
  }

  /** The volume whose snapshot it is, as it is now; null for a snapshot of a VM's own disk. */
  @Transactional
  public Volume volumeOf(Snapshot s) {
    return s.getVolumeId() == null ? null : VolumeSteps.load(em, Volume.class, s.getVolumeId());
  }

  private void record(VolumeSteps.Claim claim, Consumer<Snapshot> change) {
    VolumeSteps.record(em, Snapshot.class, claim, change);
  }

  @Transactional
  public void later(VolumeSteps.Claim claim, Duration wait) {
    record(claim, s -> s.later(clock.instant().plus(wait)));
  }

  @Transactional
  public void diskChosen(VolumeSteps.Claim claim, int diskId) {
    record(
        claim,
        s -> {
          s.diskChosen(diskId, clock.instant());
          s.later(clock.instant());
        });
  }

  @Transactional
  public void sent(VolumeSteps.Claim claim, Integer snapshotId, Duration wait) {
    record(
        claim,
        s -> {
          s.sent(snapshotId, clock.instant());
          s.later(clock.instant().plus(wait));
        });
  }

  /** Taken: it exists, and is metered from now. */
  @Transactional
  public void taken(VolumeSteps.Claim claim, int snapshotId, long sizeMib) {
    record(
        claim,
        s -> {
          Instant now = clock.instant();
          s.taken(snapshotId, sizeMib, now);
          quota.settle(s.quotaRef(), s.billedGib());
          metering.observeStored(metered(s), true, now);
        });
  }

  @Transactional
  public void failed(VolumeSteps.Claim claim, Reason why) {
    record(
        claim,
        s -> {
          s.failed(why, clock.instant());
          quota.release(s.quotaRef());
        });
  }

  @Transactional
  public void reverted(VolumeSteps.Claim claim) {
    record(claim, s -> s.reverted(clock.instant()));
  }

  @Transactional
  public void unchanged(VolumeSteps.Claim claim, Reason why) {
    record(claim, s -> s.unchanged(why, clock.instant()));
  }

  @Transactional
  public void deleted(VolumeSteps.Claim claim) {
    record(claim, s -> ended(s, metering, quota, clock.instant()));
  }

  /** Gone (deleted, or with its VM): its metering ends, its quota is free. In the caller's tx. */
  static void ended(Snapshot s, Metering metering, QuotaReservations quota, Instant now) {
    boolean wasMetered = s.getState() != SnapshotState.CREATING;
    s.deleted(now);
    quota.release(s.quotaRef());
    if (wasMetered) {
      metering.observeStored(metered(s), false, now);
    }
  }

  static Metering.Stored metered(Snapshot s) {
    return new Metering.Stored(
        Metering.StoredKind.SNAPSHOT,
        s.getId(),
        s.getTenantId(),
        s.getProjectId(),
        s.diskName() + " / " + s.getName(),
        s.getProviderId(),
        s.getProviderName(),
        s.getCountryCode(),
        s.billedGib());
  }
}
