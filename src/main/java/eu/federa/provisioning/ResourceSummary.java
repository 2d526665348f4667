package eu.federa.provisioning;

import eu.federa.platform.persistence.Row;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An organisation's live resources at a glance: its VMs (those of AI services apart) by where they
 * stand, and how many AI services have VMs.
 *
 * @param running VMs running
 * @param stopped VMs powered off
 * @param underWay VMs being deployed, started, stopped, resized, moved or removed
 * @param awaitingApproval VMs an admin has not approved yet
 * @param aiServices AI services with at least one live VM
 */
public record ResourceSummary(
    int running, int stopped, int underWay, int awaitingApproval, int aiServices)
    implements Serializable {

  public int vms() {
    return running + stopped + underWay + awaitingApproval;
  }

  public boolean none() {
    return vms() == 0 && aiServices == 0;
  }

  /** From rows of (state's name, service id or null, count) of live orders. */
  static ResourceSummary of(List<Row> rows) {
    int running = 0;
    int stopped = 0;
    int underWay = 0;
    int awaiting = 0;
    Set<Long> services = new HashSet<>();
    for (Row row : rows) {
      OrderState state = OrderState.valueOf(row.str(0));
      if (!row.isNull(1)) {
        services.add(row.lng(1));
        continue;
      }
      int count = row.integer(2);
      switch (state) {
        case RUNNING -> running += count;
        case STOPPED -> stopped += count;
        case AWAITING_APPROVAL -> awaiting += count;
        default -> underWay += count;
      }
    }
    return new ResourceSummary(running, stopped, underWay, awaiting, services.size());
  }
}
