package eu.federa.cloud.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The federation's capacity for placement, read from the synced inventory in MariaDB (never from
 * the providers, so placement never waits for one), and the generation check that makes claims safe
 * on any number of nodes.
 */
@ApplicationScoped
public class HostCapacities {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** Every host of every provider, with its provider's facts. */
  @Transactional
  public List<HostCapacity> all() {
    Map<Long, Provider> providers = new HashMap<>();
    for (Provider p : em.createQuery("select p from Provider p", Provider.class).getResultList()) {
      providers.put(p.getId(), p);
    }
    Map<Long, Boolean> reachable = new HashMap<>();
    for (ProviderStatus s :
        em.createQuery("select s from ProviderStatus s", ProviderStatus.class).getResultList()) {
      reachable.put(s.getProviderId(), s.isReachable());
    }
    List<ProviderHost> hosts =
        em.createQuery(
                "select distinct h from ProviderHost h left join fetch h.gpus"
                    + " order by h.providerId, h.id",
                ProviderHost.class)
            .getResultList();
    List<HostCapacity> result = new ArrayList<>(hosts.size());
    for (ProviderHost h : hosts) {
      Provider p = providers.get(h.getProviderId());
      if (p == null) {
        continue;
      }
      List<HostCapacity.FreeGpu> free = new ArrayList<>();
      for (ProviderHostGpu gpu : h.getGpus()) {
        if (gpu.isFree()) {
          free.add(
              new HostCapacity.FreeGpu(
                  gpu.getShortAddress(), gpu.getDeviceClass(), gpu.getDeviceName()));
        }
      }
      result.add(
          new HostCapacity(
              h.getId(),
              h.getClaimGeneration(),
              p.getId(),
              p.getName(),
              p.getCountryCode(),
              p.getCertifications(),
              p.isEdgeSite(),
              p.getLatitude(),
              p.getLongitude(),
              p.isEnabled() && reachable.getOrDefault(p.getId(), false),
              h.isMonitored(),
              h.getName(),
              h.getOneClusterId(),
              h.getClusterName(),
              h.getTotalCores(),
              h.getFreeCores(),
              h.getFreeMemoryMib(),
              h.getFreeDiskMib(),
              free,
              p.getPublicNetwork() != null,
              p.getPue(),
              h.getForecastPeakCpuPercent()));
    }
    return result;
  }

  /**
   * Takes the host for a claim if it is still as placement saw it: bumps its version when it
   * matches. Runs in the caller's transaction, so the claim and the version change commit together.
   *
   * @return false when the host changed since (another claim or a sync): decide again
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean takeIfUnchanged(long hostId, long seenVersion) {
    return em.createNativeQuery(
                "UPDATE provider_host SET claim_generation = claim_generation + 1"
                    + " WHERE id = ?1 AND claim_generation = ?2")
            .setParameter(1, hostId)
            .setParameter(2, seenVersion)
            .executeUpdate()
        == 1;
  }
}
