package eu.federa.tenancy;

import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditFilter;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTrailExport;
import eu.federa.mail.Outbox;
import eu.federa.mail.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * What happened in a tenant: its audit log (tenant admins) and the messages sent about it
 * (invitations, decisions).
 */
@ApplicationScoped
@Transactional
public class TenantActivity {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject AuditLog audit;
  @Inject Outbox outbox;
  @Inject AuditTrailExport export;

  public List<AuditEntry> auditLog(long tenantId, int first, int max) {
    return auditLog(tenantId, AuditFilter.NONE, first, max);
  }

  /** The tenant's audit trail, newest first, filtered (tenant admins). */
  public List<AuditEntry> auditLog(long tenantId, AuditFilter filter, int first, int max) {
    access.require(tenantId, TenantPermission.READ_AUDIT);
    return audit.ofTenant(tenantId, filter, first, max);
  }

  public long auditCount(long tenantId, AuditFilter filter) {
    access.require(tenantId, TenantPermission.READ_AUDIT);
    return audit.countOfTenant(tenantId, filter);
  }

  /** The tenant's audit trail as a file, filtered (tenant admins); the export is audited. */
  public AuditTrailExport.Download exportAudit(long tenantId, AuditTrailExport.Request request) {
    access.require(tenantId, TenantPermission.READ_AUDIT);
    return export.ofTenant(tenantId, request);
  }

  /** Messages sent about this tenant (invitations, decisions), newest first. */
  public List<OutboxMessage> outbox(long tenantId) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    return outbox.ofTenant(tenantId, 50);
  }
}
