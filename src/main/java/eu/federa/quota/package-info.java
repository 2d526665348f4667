/**
 * Quotas: the plans platform admins grant at onboarding and each tenant's limits (vCPU, memory,
 * GPUs, VMs, disk, AI endpoints, monthly budget; {@code null} is unlimited). Depends on tenancy
 * (membership checks, the approval event) and the platform.
 */
@Capability(
    uses = {"audit", "platform", "tenancy"},
    tables = {
      "project_quota",
      "quota_plan",
      "quota_reservation",
      "tenant_gpu_quota",
      "tenant_quota"
    })
package eu.federa.quota;

import eu.federa.platform.Capability;
