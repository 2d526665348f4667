package eu.federa.storage;

import eu.federa.billing.Metering;
import eu.federa.platform.text.Reason;
import eu.federa.quota.QuotaReservations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The worker's transactions: claiming due volumes (SKIP LOCKED, so that every node can run the
 * worker), and recording each step's outcome, fenced by the claim: a node whose lease was taken
 * over writes nothing. Quota and metering follow the volume's state in the same transaction.
 */
@ApplicationScoped
public class VolumeSteps {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject QuotaReservations quota;
  @Inject Metering metering;
  @Inject Snapshots snapshots;

  /** A node's claim of the next step of a volume or a snapshot (its id). */
  public record Claim(long id, String token) {}

  /** Claims up to {@code max} volumes with a step due, each for {@code lease}. */
  @Transactional
  public List<Claim> claimDue(int max, Duration lease) {
    return claim(
        em,
        "volume",
        "'CREATING', 'ATTACHING', 'DETACHING', 'DELETING'",
        max,
        clock.instant(),
        Volume.class,
        lease);
  }

  /**
   * Claims up to {@code max} rows of {@code table} (a constant of the caller) in one of {@code
   * states} whose step is due and whose lease, if any, has run out: locked with SKIP LOCKED, so
   * that nodes claiming at once take different rows.
   */
  static List<Claim> claim(
      EntityManager em,
      String table,
      String states,
      int max,
      Instant now,
      Class<? extends StepRow> type,
      Duration lease) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM "
                    + table
                    + " WHERE state IN ("
                    + states
                    + ") AND next_attempt_at <= ?1 AND (step_lease_until IS NULL"
                    + " OR step_lease_until < ?1) ORDER BY next_attempt_at LIMIT ?2"
                    + " FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, max)
            .getResultList();
    List<Claim> claims = new ArrayList<>();
    for (Number id : ids) {
      String token = UUID.randomUUID().toString();
      em.find(type, id.longValue()).claim(token, now.plus(lease));
      claims.add(new Claim(id.longValue(), token));
    }
    return claims;
  }

  /** The volume as it is now, detached (read without a lock: the claim keeps others off it). */
  @Transactional
  public Volume load(long volumeId) {
    return load(em, Volume.class, volumeId);
  }

  /**
   * A row as it is now, detached: the worker reads it without a lock (its claim keeps others off).
   */
  static <T extends StepRow> T load(EntityManager em, Class<T> type, long id) {
    T row = em.find(type, id);
    if (row != null) {
      em.detach(row);
    }
    return row;
  }

  private void record(Claim claim, Consumer<Volume> change) {
    record(em, Volume.class, claim, change);
  }

  /** Applies a step's outcome if the claim is still held, and ends the claim. */
  static <T extends StepRow> void record(
      EntityManager em, Class<T> type, Claim claim, Consumer<T> change) {
    T row = em.find(type, claim.id(), LockModeType.PESSIMISTIC_WRITE);
    if (row == null || !row.claimedBy(claim.token())) {
      return;
    }
    change.accept(row);
    row.unclaim();
  }

  /** Nothing changed: looked at again after {@code wait}. */
  @Transactional
  public void later(Claim claim, Duration wait) {
    record(claim, v -> v.later(clock.instant().plus(wait)));
  }

  /** The image was asked for (or found): looked at again after {@code wait}. */
  @Transactional
  public void imageRequested(Claim claim, int datastoreId, int imageId, Duration wait) {
    record(
        claim,
        v -> {
          v.imageRequested(datastoreId, imageId, clock.instant());
          v.later(clock.instant().plus(wait));
        });
  }

  /** The image is ready: the volume exists, its quota is in use and it is metered from now. */
  @Transactional
  public void made(Claim claim) {
    record(
        claim,
        v -> {
          Instant now = clock.instant();
          v.made(now);
          quota.commit(v.quotaRef());
          metering.observeStored(metered(v), true, now);
        });
  }

  /** The volume could not be made: nothing is left of it, its quota is free. */
  @Transactional
  public void failed(Claim claim, Reason why) {
    record(
        claim,
        v -> {
          v.failed(why, clock.instant());
          quota.release(v.quotaRef());
        });
  }

  @Transactional
  public void sent(Claim claim, Duration wait) {
    record(
        claim,
        v -> {
          v.sent(clock.instant());
          v.later(clock.instant().plus(wait));
        });
  }

  @Transactional
  public void attached(Claim claim, int diskId) {
    record(claim, v -> v.attached(diskId, clock.instant()));
  }

  @Transactional
  public void notAttached(Claim claim, Reason why) {
    record(claim, v -> v.notAttached(why, clock.instant()));
  }

  @Transactional
  public void detached(Claim claim) {
    record(claim, v -> v.detached(clock.instant()));
  }

  @Transactional
  public void stillAttached(Claim claim, Reason why) {
    record(claim, v -> v.stillAttached(why, clock.instant()));
  }

  @Transactional
  public void notDeleted(Claim claim, Reason why) {
    record(claim, v -> v.notDeleted(why, clock.instant()));
  }

  /** Deleted at the provider: its quota is free, its metering ends, its snapshots end. */
  @Transactional
  public void deleted(Claim claim) {
    record(
        claim,
        v -> {
          Instant now = clock.instant();
          v.deleted(now);
          quota.release(v.quotaRef());
          metering.observeStored(metered(v), false, now);
          // Its image took the snapshots it kept along.
          snapshots.volumeDeleted(v.getId(), metering, quota, now);
        });
  }

  static Metering.Stored metered(Volume v) {
    return new Metering.Stored(
        Metering.StoredKind.VOLUME,
        v.getId(),
        v.getTenantId(),
        v.getProjectId(),
        v.getName(),
        v.getProviderId(),
        v.getProviderName(),
        v.getCountryCode(),
        v.getSizeGib());
  }
}
