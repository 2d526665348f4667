package eu.federa.provisioning;

import eu.federa.placement.PlacementConflictException;
import eu.federa.platform.persistence.TransactionConflicts;
import eu.federa.platform.validation.ConflictException;
import jakarta.persistence.PersistenceException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How an order's transaction is tried again: after losing a race for a host (another order's claim
 * committed, so this one decides again), after the database chose it as a deadlock's victim (its
 * reads of what a tenant holds lock index ranges, and two tenants' orders can meet there; the whole
 * transaction was rolled back, so it is simply run again), and when the same form was sent twice at
 * once (the other attempt's order stands).
 */
final class PlacementRetries {

  /** Lost races before the order gives up (each loss is another order's success). */
  static final int ATTEMPTS = 25;

  private PlacementRetries() {}

  /**
   * @param attempt one transaction placing the order, returning its id
   * @param existing the order already placed with the same idempotency key, if any
   */
  static long placeRetrying(LongSupplier attempt, Supplier<Optional<Long>> existing) {
    for (int tried = 1; ; tried++) {
      try {
        return attempt.getAsLong();
      } catch (PlacementConflictException e) {
        if (tried >= ATTEMPTS) {
          throw new ConflictException("order.error.busy");
        }
        pause(tried);
      } catch (RuntimeException e) {
        if (TransactionConflicts.lostToAnother(e)) {
          if (tried >= ATTEMPTS) {
            throw new ConflictException("order.error.busy");
          }
          pause(tried);
          continue;
        }
        if (e instanceof PersistenceException persistence) {
          return existing.get().orElseThrow(() -> persistence);
        }
        throw e;
      }
    }
  }

  /** A little jitter, so that the losers of one race do not meet again at once. */
  private static void pause(int tried) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 4 + tried));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConflictException("order.error.busy");
    }
  }
}
