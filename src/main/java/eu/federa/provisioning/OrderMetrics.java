package eu.federa.provisioning;

import eu.federa.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orders' metrics: how many orders are in each state and how many steps are due and not yet
 * taken ({@code federa_orders}, {@code federa_saga_backlog}: the database's numbers, the same on
 * every node, read again every few seconds by the worker, never by the scrape), and how long each
 * step takes on this node ({@code federa_saga_steps_seconds} by state).
 */
@ApplicationScoped
public class OrderMetrics {

  @Inject Meters meters;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private final Map<OrderState, AtomicLong> byState = new EnumMap<>(OrderState.class);
  private final AtomicLong backlog = new AtomicLong();

  /** Registered as the portal starts: a scrape finds them from the first. */
  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    for (OrderState state : OrderState.values()) {
      byState.put(
          state,
          meters.gauge("federa.orders", new AtomicLong(), AtomicLong::get, "state", state.name()));
    }
    meters.gauge("federa.saga.backlog", backlog, AtomicLong::get);
  }

  /** Reads the numbers again from the database. */
  @Transactional
  public void read() {
    Map<OrderState, Long> counts = new EnumMap<>(OrderState.class);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT state, COUNT(*) FROM vm_order GROUP BY state").getResultList();
    for (Object[] row : rows) {
      counts.put(OrderState.valueOf((String) row[0]), ((Number) row[1]).longValue());
    }
    byState.forEach((state, count) -> count.set(counts.getOrDefault(state, 0L)));
    Number due =
        (Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM vm_order WHERE next_step_at <= UTC_TIMESTAMP(6)"
                        + " AND (step_lease_until IS NULL OR step_lease_until < UTC_TIMESTAMP(6))")
                .getSingleResult();
    backlog.set(due.longValue());
  }

  /** One step of an order in {@code state} took {@code took} on this node. */
  void stepTook(OrderState state, Duration took) {
    meters.time("federa.saga.steps", took, "state", state.name());
  }
}
