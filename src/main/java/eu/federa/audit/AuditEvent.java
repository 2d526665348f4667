package eu.federa.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the audit trail; written once, never changed. */
@Entity
@Table(name = "audit_event")
class AuditEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "actor_subject")
  private String actorSubject;

  @Column(name = "actor_name")
  private String actorName;

  @Column(name = "tenant_id")
  private Long tenantId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 50)
  private AuditAction action;

  @Column(length = 255)
  private String target;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private AuditOutcome outcome;

  @Column(name = "client_address", length = 45)
  private String clientAddress;

  @Column(length = 1000)
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
