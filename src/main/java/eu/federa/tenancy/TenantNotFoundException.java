package eu.federa.tenancy;

import eu.federa.platform.security.NotFoundException;

/**
 * The caller is not a member of that tenant (never was, or no longer is): to them it does not
 * exist. The API answers 404; a page, where it means a membership ended, explains that.
 */
public class TenantNotFoundException extends NotFoundException {

  public TenantNotFoundException(long tenantId) {
    super("tenant", tenantId);
  }

  @Override
  public String refusalReason() {
    return "membership";
  }
}
