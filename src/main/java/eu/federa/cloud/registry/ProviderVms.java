package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.opennebula.RecoverOperation;
import eu.federa.platform.security.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Pins a VM to the host placement chose: allocated on hold, then deployed to that host with
 * capacity enforced. A provider that does not let Federa's account deploy gets the VM with {@code
 * SCHED_REQUIREMENTS} naming the host instead, and its own scheduler starts it there.
 */
@ApplicationScoped
public class ProviderVms {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject SyncWork work;
  @Inject ProviderClients clients;

  /**
   * @param deployed true when deployed by Federa, false when left to the provider's scheduler
   */
  public record PinnedVm(int vmId, int oneHostId, boolean deployed) {}

  /**
   * @param hostId the registry's id of the host (as placement returns it)
   * @throws ProviderNotFoundException for an unknown provider
   * @throws NotFoundException for a host not of that provider
   * @throws eu.federa.cloud.CloudException when the provider refuses or cannot be reached
   */
  public PinnedVm createOnHost(long providerId, long hostId, String template) {
    ProviderConnection connection = work.connection(providerId);
    if (connection == null) {
      throw new ProviderNotFoundException(providerId);
    }
    int oneHostId = oneHostId(providerId, hostId);
    OpenNebulaClient client = clients.clientFor(connection);
    int vmId = client.allocateVm(template, true);
    try {
      client.deployVm(vmId, oneHostId, true, -1);
      return new PinnedVm(vmId, oneHostId, true);
    } catch (CloudApiException.NotAuthorized refused) {
      client.recoverVm(vmId, RecoverOperation.DELETE);
      int scheduled =
          client.allocateVm(template + "\nSCHED_REQUIREMENTS=\"ID = " + oneHostId + "\"\n", false);
      return new PinnedVm(scheduled, oneHostId, false);
    }
  }

  private int oneHostId(long providerId, long hostId) {
    List<Integer> found =
        em.createQuery(
                "select h.oneHostId from ProviderHost h where h.id = :h and h.providerId = :p",
                Integer.class)
            .setParameter("h", hostId)
            .setParameter("p", providerId)
            .getResultList();
    if (found.isEmpty()) {
      throw new NotFoundException("host", hostId);
    }
    return found.get(0);
  }
}
