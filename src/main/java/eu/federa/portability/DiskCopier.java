package eu.federa.portability;

import eu.federa.cloud.registry.DiskExports;
import eu.federa.cloud.registry.DiskTransfer;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantMachines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the disks of an export's VMs into Federa, before its bundle is written, through the
 * provider-side {@link DiskTransfer} (saved, published, downloaded with ranges and checked), its
 * progress recorded under the export's claim (which renews the lease), so that a copy cut by a
 * fault or a restart resumes from the bytes already here. A disk that cannot be had (no
 * marketplace, the provider refuses) is recorded as failed with the reason, and the bundle says so;
 * a provider out of reach fails the attempt, which the worker tries again.
 */
@ApplicationScoped
public class DiskCopier {

  @Inject ExportSteps steps;
  @Inject DiskExports provider;
  @Inject DiskTransfer transfer;
  @Inject @Any Instance<TenantMachines> machines;

  /**
   * Whether the disks are not to be planned yet: a VM of the scope is moving between providers
   * (planned now, it would be left out, or its disk busy with the move's own copy).
   */
  boolean unsettled(ExportSteps.Claim claim) {
    if (!steps.disks(claim.id()).isEmpty()) {
      return false; // planned already: what moves later is copied from where it was
    }
    for (TenantMachines source : machines) {
      if (source.moving(claim.scope())) {
        return true;
      }
    }
    return false;
  }

  /** Plans the export's disks (once), then copies each one not done yet. */
  void copyAll(ExportSteps.Claim claim, Duration lease) throws IOException {
    if (steps.disks(claim.id()).isEmpty()) {
      steps.planDisks(claim, plan(claim.scope()));
    }
    for (ExportDisk d : steps.disks(claim.id())) {
      if (!d.state.over()) {
        copy(claim, d, lease);
      }
    }
  }

  private List<ExportSteps.PlannedDisk> plan(ExportScope scope) {
    long tenantId = scope.tenantId();
    List<ExportSteps.PlannedDisk> planned = new ArrayList<>();
    for (TenantMachines source : machines) {
      for (TenantMachines.Machine m : source.machines(scope)) {
        try {
          for (DiskExports.Disk disk : provider.disksOf(m.providerId(), tenantId, m.vmId())) {
            planned.add(
                new ExportSteps.PlannedDisk(
                    m.orderId(),
                    m.name(),
                    m.providerId(),
                    m.providerName(),
                    m.vmId(),
                    disk.diskId(),
                    disk.sizeMib(),
                    null));
          }
        } catch (RuntimeException unreadable) {
          planned.add(
              new ExportSteps.PlannedDisk(
                  m.orderId(),
                  m.name(),
                  m.providerId(),
                  m.providerName(),
                  m.vmId(),
                  -1,
                  0,
                  "The VM's disks could not be read at its provider: " + unreadable.getMessage()));
        }
      }
    }
    return planned;
  }

  private void copy(ExportSteps.Claim claim, ExportDisk d, Duration lease) throws IOException {
    transfer.copy(
        claim.tenantId(),
        d,
        d.nameAtProvider(),
        ExportFiles.diskPart(d.exportId, d.id),
        ExportFiles.disk(d.exportId, d.id),
        progressed -> steps.diskProgressed(claim, d, lease));
  }
}
