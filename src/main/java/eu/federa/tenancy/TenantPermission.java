package eu.federa.tenancy;

/** What a tenant role allows; services ask for one before they act. */
public enum TenantPermission {
  /** See the tenant, its team, projects and resources. */
  VIEW,
  /** Order, change and delete resources. */
  ORDER,
  /** See invoices, usage and budgets. */
  SEE_BILLING,
  /** Projects, invitations, roles and removals. */
  MANAGE_TEAM,
  /** Read the tenant's audit log. */
  READ_AUDIT,
  /** Approve or reject orders above the tenant's cost threshold, and set that threshold. */
  APPROVE_ORDERS;

  /** Whether it changes something: refused while the organisation is suspended. */
  public boolean acts() {
    return this == ORDER || this == MANAGE_TEAM || this == APPROVE_ORDERS;
  }
}
