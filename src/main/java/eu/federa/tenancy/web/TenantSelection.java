package eu.federa.tenancy.web;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/**
 * Which of the user's tenants they work in, for this session: only an id, checked against the
 * database on every request (see {@link CurrentTenant}).
 */
@SessionScoped
public class TenantSelection implements Serializable {

  private static final long serialVersionUID = 1L;

  private Long tenantId;

  Long tenantId() {
    return tenantId;
  }

  void select(Long tenantId) {
    this.tenantId = tenantId;
  }
}
