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
 * The backup worker's transactions, like {@link VolumeSteps}: claims (SKIP LOCKED) and each step's
 * outcome, fenced by the claim; metering follows the backup's state, and a scheduled backup made
 * deletes the oldest its schedule no longer keeps.
 */
@ApplicationScoped
public class BackupSteps {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject Metering metering;
  @Inject Backups backups;
  @Inject QuotaReservations quota;

  /** Claims up to {@code max} backups with a step due, each for {@code lease}. */
  @Transactional
  public List<VolumeSteps.Claim> claimDue(int max, Duration lease) {
    return VolumeSteps.claim(
        em, "vm_backup", "'CREATING', 'DELETING'", max, clock.instant(), Backup.class, lease);
  }

  @Transactional
  public Backup load(long backupId) {
    return VolumeSteps.load(em, Backup.class, backupId);
  }

  private void record(VolumeSteps.Claim claim, Consumer<Backup> change) {
    VolumeSteps.record(em, Backup.class, claim, change);
  }

  @Transactional
  public void later(VolumeSteps.Claim claim, Duration wait) {
    record(claim, b -> b.later(clock.instant().plus(wait)));
  }

  /** Where it goes and what the VM had before: it may be sent now. */
  @Transactional
  public void prepared(VolumeSteps.Claim claim, int datastoreId, List<Integer> earlierImages) {
    record(
        claim,
        b -> {
          b.prepared(datastoreId, earlierImages, clock.instant());
          b.later(clock.instant());
        });
  }

  @Transactional
  public void sent(VolumeSteps.Claim claim, Duration wait) {
    record(
        claim,
        b -> {
          b.sent(clock.instant());
          b.later(clock.instant().plus(wait));
        });
  }

  /** Made: it exists and is metered from now; its schedule keeps its newest N only. */
  @Transactional
  public void made(VolumeSteps.Claim claim, int imageId, long sizeMib) {
    record(
        claim,
        b -> {
          Instant now = clock.instant();
          b.made(imageId, sizeMib, now);
          quota.settle(b.quotaRef(), b.billedGib());
          metering.observeStored(metered(b), true, now);
          if (b.isScheduled()) {
            em.flush();
            backups
                .keepOf(b.getOrderId())
                .ifPresent(keep -> backups.rotate(b.getOrderId(), keep, now));
          }
        });
  }

  @Transactional
  public void failed(VolumeSteps.Claim claim, Reason why) {
    record(
        claim,
        b -> {
          b.failed(why, clock.instant());
          quota.release(b.quotaRef());
        });
  }

  @Transactional
  public void unchanged(VolumeSteps.Claim claim, Reason why) {
    record(claim, b -> b.unchanged(why, clock.instant()));
  }

  /** Gone from the provider: its metering ends. */
  @Transactional
  public void deleted(VolumeSteps.Claim claim) {
    record(
        claim,
        b -> {
          Instant now = clock.instant();
          b.deleted(now);
          quota.release(b.quotaRef());
          metering.observeStored(metered(b), false, now);
        });
  }

  static Metering.Stored metered(Backup b) {
    return new Metering.Stored(
        Metering.StoredKind.BACKUP,
        b.getId(),
        b.getTenantId(),
        b.getProjectId(),
        b.getVmName() + " / " + b.getName(),
        b.getProviderId(),
        b.getProviderName(),
        b.getCountryCode(),
        b.billedGib());
  }
}
