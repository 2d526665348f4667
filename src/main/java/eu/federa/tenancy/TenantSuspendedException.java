package eu.federa.tenancy;

import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.text.Reason;

/**
 * The organisation is suspended: its members may read, export and leave, but not act. The API
 * answers 403 with the platform admins' reason; pages show the 403 page that explains suspension.
 */
public class TenantSuspendedException extends AccessDeniedException {

  public TenantSuspendedException(long tenantId, String reason) {
    super(
        "Tenant " + tenantId + " is suspended",
        "suspended",
        Reason.keyed("tenant.suspended.api", reason == null ? "" : reason));
  }
}
