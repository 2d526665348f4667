package eu.federa.tenancy.web;

import eu.federa.platform.security.AccessDeniedException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * For pages whose content is for some roles only ({@code f:viewAction}): refuses (403) users whose
 * role in the current tenant does not allow it. Users without tenant see the page's empty state.
 */
@Named
@RequestScoped
public class TenantGuard {

  @Inject TenantAccess access;
  @Inject CurrentTenant currentTenant;

  public void require(String permission) {
    if (currentTenant.getId() == null) {
      return;
    }
    TenantPermission wanted;
    try {
      wanted = TenantPermission.valueOf(permission);
    } catch (IllegalArgumentException e) {
      throw new AccessDeniedException("Unknown permission " + permission);
    }
    access.check(currentTenant.getId(), wanted);
  }
}
