package eu.federa.platform.export;

import java.util.List;

/**
 * The VMs a tenant has at its providers now, whose disks its export bundle copies: offered by the
 * capability that runs them (provisioning), found by the bundle's writer (portability) without
 * depending on it.
 */
public interface TenantMachines {

  /** One VM at a provider. */
  record Machine(long orderId, String name, long providerId, String providerName, int vmId) {}

  /**
   * The tenant's VMs (of the scope's project, for one) that exist at a provider (running or
   * stopped), oldest first.
   */
  List<Machine> machines(ExportScope scope);

  /**
   * Whether a VM of the scope is between providers now (a move under way): its disk is exported
   * once it has settled, from where it is then, so that no VM is left out of the bundle.
   */
  default boolean moving(ExportScope scope) {
    return false;
  }
}
