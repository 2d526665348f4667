package eu.federa.moves;

import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.provisioning.AcrossProviderMove;
import eu.federa.provisioning.HostMoves;
import eu.federa.provisioning.MovesStartedSince;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Carries the rebalancing plan's moves to another provider (issue #20): each becomes a move between
 * providers as a platform admin's evacuation starts it (the organisation allowed it; provisioning
 * checked that, the blackout windows and that the VM still runs where the plan saw it). Automatic
 * rebalancing's moves run in a worker, with no request to learn the portal's address from: they
 * need {@code FEDERA_PUBLIC_URL}, and are refused with that reason without it.
 */
@ApplicationScoped
public class RebalancingAcross {

  @Inject Moves moves;
  @Inject PublicUrl publicUrl;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** The moves between providers each tenant's VMs started since the event's instant. */
  void count(@Observes MovesStartedSince counting) {
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT tenant_id, COUNT(*) FROM vm_move WHERE created_at >= ?1"
                        + " GROUP BY tenant_id")
                .setParameter(1, counting.since()))) {
      counting.add(r.lng(0), (int) r.lng(1));
    }
  }

  void requested(@Observes AcrossProviderMove move) {
    String linkBase;
    try {
      linkBase = publicUrl.forProviders();
    } catch (ContextNotActiveException | IllegalStateException noRequest) {
      // A worker (automatic rebalancing): only the configured address can be given to a provider.
      Optional<String> configured = PublicUrl.configured();
      if (configured.isEmpty()) {
        move.refused(Reason.keyed("rebalance.skip.noPublicUrl"));
        return;
      }
      linkBase = configured.get();
    }
    try {
      move.started(
          moves.start(
              move.tenantId(),
              move.orderId(),
              move.targetProviderId(),
              linkBase,
              true,
              move.automatic() ? HostMoves.AUTOMATIC : null));
    } catch (ConflictException refused) { // the quota's too
      move.refused(Reason.keyed(refused.messageKey(), refused.arguments()));
    } catch (NotFoundException gone) {
      move.refused(Reason.keyed("rebalance.skip.gone"));
    }
  }
}
