package eu.federa.platform.exit;

/**
 * What a tenant runs with one capability (VMs, AI services, volumes, backups), ended when the
 * tenant leaves through the same path as a user's own termination, so that quotas are released and
 * metering ends as always. Offered as a CDI bean; the exit calls it until nothing is left.
 */
public interface TenantWorkloads {

  /** What it ends, for people: "VMs", "volumes and backups". */
  String name();

  /**
   * Asks everything of the tenant that is still running or kept to end (again, for what an earlier
   * call asked and has not ended yet: no harm); in its own transaction.
   *
   * @return how many are not ended yet: 0 when the capability holds nothing running of the tenant
   */
  int endAll(long tenantId);
}
