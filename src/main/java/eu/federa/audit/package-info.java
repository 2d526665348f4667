/**
 * The audit trail: who did what, in which tenant, when, from which address, and with what outcome.
 * Every capability records into it through {@link eu.federa.audit.AuditLog}; it depends on the
 * platform only, so that anything may use it. Tenant-scoped reading is offered by the capability
 * that knows tenant roles (tenancy), which checks the caller first. The trail is append-only (the
 * database refuses changes) and sealed into a hash chain that a platform admin can check ({@link
 * eu.federa.audit.AuditChain}).
 */
@Capability(
    uses = {"platform"},
    tables = {"audit_event", "audit_event_personal", "audit_seal", "audit_chain_head"})
package eu.federa.audit;

import eu.federa.platform.Capability;
