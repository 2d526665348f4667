package eu.federa.network;

import eu.federa.cloud.VmShape.Nic;
import eu.federa.cloud.registry.TenantNetworks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Where a tenant's new VM is connected at its provider: the tenant's own network there (reserved
 * the first time), behind the tenant's firewall (created there the first time). For provisioning;
 * no transaction is held while the provider is called.
 */
@ApplicationScoped
public class NetworkAttachments {

  @Inject SecurityGroups groups;
  @Inject TenantNetworks networks;

  /**
   * The NICs of the tenant's VM from the provider's template {@code templateId}; none when the
   * template has no NIC.
   *
   * @throws eu.federa.cloud.registry.NetworkFullException when the provider's network has no
   *     addresses left for the tenant
   * @throws eu.federa.cloud.CloudException when the provider cannot be reached or refuses
   */
  public List<Nic> nicsFor(long providerId, long tenantId, int templateId) {
    return nicsFor(providerId, tenantId, templateId, null);
  }

  /**
   * As above, with a NIC on a public address of its own for the VM of order {@code publicFor}
   * (null: none), taken from the provider's network of public addresses.
   *
   * @throws eu.federa.cloud.registry.PublicNetworkMissingException when the provider has none
   */
  public List<Nic> nicsFor(long providerId, long tenantId, int templateId, Long publicFor) {
    TenantNetworks.Rules rules = groups.atProviders(tenantId);
    List<Nic> nics = networks.nicsFor(providerId, tenantId, templateId, rules, publicFor);
    // A change made while the group was being created at the provider found no copy to mark.
    groups.markIfChangedSince(tenantId, rules.revision());
    return nics;
  }

  /**
   * Gives the public address of the order's VM back to its provider, once the VM is gone; false
   * while the VM still holds it, for the caller to try again later.
   *
   * @throws eu.federa.cloud.CloudException when the provider cannot be reached
   */
  public boolean releasePublicAddress(long providerId, long tenantId, long orderId) {
    return networks.releasePublicAddress(providerId, tenantId, orderId);
  }
}
