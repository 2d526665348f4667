package eu.federa.platform.export;

/**
 * What an export bundle covers: everything of a tenant, or one of its projects (asked for by that
 * project's admin). A section writes, for a project, the rows of that project and what the project
 * runs under (the organisation, the firewall); what belongs to the organisation as a whole
 * (invoices, the audit log, membership rules, AI services) only in a bundle of the whole tenant.
 *
 * @param projectId the project, or null for the whole tenant
 */
public record ExportScope(long tenantId, Long projectId) {

  /** Everything of the tenant. */
  public static ExportScope tenant(long tenantId) {
    return new ExportScope(tenantId, null);
  }

  public boolean wholeTenant() {
    return projectId == null;
  }

  /** Whether a row of project {@code rowProjectId} (null: of no project) is in the bundle. */
  public boolean covers(Long rowProjectId) {
    return projectId == null || projectId.equals(rowProjectId);
  }
}
