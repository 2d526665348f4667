package eu.federa.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A message kept in the outbox. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id")
  private Long tenantId;

  @Column(nullable = false, length = 320)
  private String recipient;

  @Column(nullable = false, length = 200)
  private String subject;

  @Column(nullable = false, length = 4000)
  private String body;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected OutboxMessage() {}

  OutboxMessage(OutgoingMail mail, Instant now) {
    this.tenantId = mail.tenantId();
    this.recipient = mail.recipient();
    this.subject =
        mail.subject().length() > 200 ? mail.subject().substring(0, 200) : mail.subject();
    this.body = mail.body().length() > 4000 ? mail.body().substring(0, 4000) : mail.body();
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public Long getTenantId() {
    return tenantId;
  }

  public String getRecipient() {
    return recipient;
  }

  public String getSubject() {
    return subject;
  }

  public String getBody() {
    return body;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
