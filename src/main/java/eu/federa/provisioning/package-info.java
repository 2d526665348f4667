/**
 * Provisioning: orders of VMs, the saga that deploys them from persisted state (any node, after any
 * restart), and their life cycle. Depends on the catalog (what can be ordered), quota
 * (reservations), placement (where, with capacity claims), cloud (the provider's VMs) and tenancy
 * (who may order); identity for the requester's address when a message goes out.
 */
@Capability(
    uses = {
      "audit",
      "billing",
      "catalog",
      "cloud",
      "energy",
      "identity",
      "mail",
      "network",
      "placement",
      "platform",
      "quota",
      "storage",
      "tenancy"
    },
    tables = {
      "ai_service",
      "drift_vm",
      "foreign_vm",
      "host_move",
      "metering_violation",
      "order_policy",
      "orphan_vm",
      "provider_reconciliation",
      "quota_drift",
      "quota_drift_gpu",
      "rebalance_policy",
      "vm_order"
    })
package eu.federa.provisioning;

import eu.federa.platform.Capability;
