package eu.federa.audit;

import java.io.Serializable;
import java.time.Instant;

/** A line of the audit trail as pages and the API show it. */
public record AuditEntry(
    long id,
    Instant occurredAt,
    String actorSubject,
    String actorName,
    Long tenantId,
    AuditAction action,
    String target,
    AuditOutcome outcome,
    String clientAddress,
    String detail)
    implements Serializable {}
