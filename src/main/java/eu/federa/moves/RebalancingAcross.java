package eu.federa.moves;

import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.provisioning.AcrossProviderMove;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Carries the rebalancing plan's moves to another provider (issue #20): each becomes a move between
 * providers as a platform admin's evacuation starts it (the organisation allowed it; provisioning
 * checked that, the blackout windows and that the VM still runs where the plan saw it).
 */
@ApplicationScoped
public class RebalancingAcross {

  @Inject Moves moves;
  @Inject PublicUrl publicUrl;

  void requested(@Observes AcrossProviderMove move) {
    String linkBase;
    try {
      linkBase = publicUrl.forProviders();
    } catch (ContextNotActiveException | IllegalStateException noRequest) {
      return; // no request to learn the portal's address from: not carried (the default answer)
    }
    try {
      move.started(
          moves.start(move.tenantId(), move.orderId(), move.targetProviderId(), linkBase, true));
    } catch (ConflictException refused) { // the quota's too

      move.refused(Reason.keyed(refused.messageKey(), refused.arguments()));
    } catch (NotFoundException gone) {
      move.refused(Reason.keyed("rebalance.skip.gone"));
    }
  }
}
