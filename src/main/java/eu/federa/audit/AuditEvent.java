package eu.federa.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One line of the audit trail; written once, never changed (the database refuses an UPDATE or
 * DELETE of it). What may name a person is kept in {@code audit_event_personal}, which a tenant's
 * erasure pseudonymises ({@link AuditErasure}); {@link AuditChain} seals both parts.
 */
@Entity
@Immutable
@Table(name = "audit_event")
@SecondaryTable(
    name = AuditEvent.PERSONAL,
    pkJoinColumns = @PrimaryKeyJoinColumn(name = "event_id"))
class AuditEvent {

  static final String PERSONAL = "audit_event_personal";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(table = PERSONAL, name = "actor_subject")
  private String actorSubject;

  @Column(table = PERSONAL, name = "actor_name")
  private String actorName;

  @Column(name = "tenant_id")
  private Long tenantId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 50)
  private AuditAction action;

  @Column(table = PERSONAL, length = 255)
  private String target;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private AuditOutcome outcome;

  @Column(table = PERSONAL, name = "client_address", length = 45)
  private String clientAddress;

  @Column(table = PERSONAL, length = 1000)
  private String detail;

  protected AuditEvent() {}

  AuditEvent(
      Instant occurredAt,
      String actorSubject,
      String actorName,
      Long tenantId,
      AuditAction action,
      String target,
      AuditOutcome outcome,
      String clientAddress,
      String detail) {
    this.occurredAt = occurredAt;
    this.actorSubject = actorSubject;
    this.actorName = cut(actorName, 255);
    this.tenantId = tenantId;
    this.action = action;
    this.target = cut(target, 255);
    this.outcome = outcome;
    this.clientAddress = cut(clientAddress, 45);
    this.detail = cut(detail, 1000);
  }

  /**
   * {@code value} cut to the column's {@code max} characters; never between the two halves of a
   * character outside the BMP (an emoji in a project name), which the database would refuse.
   */
  static String cut(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }

  String detail() {
    return detail;
  }

  String target() {
    return target;
  }

  AuditEntry entry() {
    return new AuditEntry(
        id,
        occurredAt,
        actorSubject,
        actorName,
        tenantId,
        action,
        target,
        outcome,
        clientAddress,
        detail);
  }
}
