package eu.federa.mail;

import eu.federa.platform.text.Reason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A message kept in the outbox, and its delivery to the mail server: at most once (a message whose
 * sending node stopped before the server confirmed it is not sent again, see {@link
 * Delivery#UNCONFIRMED}).
 */
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

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private Delivery delivery;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;

  @Column(name = "lease_until")
  private Instant leaseUntil;

  @Column(name = "delivered_at")
  private Instant deliveredAt;

  /** The language it is written in ({@code de}); null for a message from before it was kept. */
  @Column(length = 8)
  private String language;

  @Column(name = "last_error", length = 500)
  private String lastError;

  /** Where a message is on its way to the mail server. */
  public enum Delivery {
    /** No mail server was set when it was written: kept in the outbox only, never sent. */
    KEPT,
    /** Waiting for its next attempt. */
    QUEUED,
    /** A node is handing it to the mail server. */
    SENDING,
    /** The mail server took it. */
    SENT,
    /** The mail server refused it for good, or every attempt failed. */
    FAILED,
    /**
     * The node sending it stopped before the mail server answered: it may have arrived, so it is
     * not sent again (at most once).
     */
    UNCONFIRMED,
    /** Taken by the mail server, then returned by the recipient's (a delivery report). */
    RETURNED
  }

  /** Attempts before a message is given up. */
  static final int MAX_ATTEMPTS = 8;

  private static final Duration LONGEST_WAIT = Duration.ofHours(1);

  protected OutboxMessage() {}

  OutboxMessage(OutgoingMail mail, Instant now, boolean deliver) {
    this(mail, now);
    if (deliver) {
      this.delivery = Delivery.QUEUED;
      this.nextAttemptAt = now;
    }
  }

  OutboxMessage(OutgoingMail mail, Instant now) {
    this.delivery = Delivery.KEPT;
    this.tenantId = mail.tenantId();
    this.recipient = mail.recipient();
    this.subject =
        mail.subject().length() > 200 ? mail.subject().substring(0, 200) : mail.subject();
    this.body = mail.body().length() > 4000 ? mail.body().substring(0, 4000) : mail.body();
    this.language = mail.language();
    this.createdAt = now;
  }

  /** The language it is written in, for its page to say; null when unknown. */
  public String getLanguage() {
    return language;
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

  public Delivery getDelivery() {
    return delivery;
  }

  public int getAttempts() {
    return attempts;
  }

  public Instant getNextAttemptAt() {
    return nextAttemptAt;
  }

  public Instant getDeliveredAt() {
    return deliveredAt;
  }

  public String getLastError() {
    return lastError;
  }

  Instant getLeaseUntil() {
    return leaseUntil;
  }

  /** A node takes it to send until {@code leaseUntil}. */
  void claimed(Instant leaseUntil) {
    require(Delivery.QUEUED);
    this.delivery = Delivery.SENDING;
    this.attempts++;
    this.leaseUntil = leaseUntil;
  }

  /** Handed back unsent (its node is stopping, or its lease too short for another send). */
  void released() {
    require(Delivery.SENDING);
    this.delivery = Delivery.QUEUED;
    this.attempts--;
    this.leaseUntil = null;
  }

  void delivered(Instant now) {
    require(Delivery.SENDING);
    this.delivery = Delivery.SENT;
    this.deliveredAt = now;
    this.leaseUntil = null;
    this.nextAttemptAt = null;
    this.lastError = null;
  }

  /**
   * The mail server did not take it: tried again later ({@code retryBase}, doubled after each
   * attempt, up to an hour) unless the refusal is for good or the attempts are spent.
   */
  void attemptFailed(boolean permanent, String reason, Instant now, Duration retryBase) {
    require(Delivery.SENDING);
    this.leaseUntil = null;
    this.lastError = reason.length() > 500 ? reason.substring(0, 500) : reason;
    if (permanent || attempts >= MAX_ATTEMPTS) {
      this.delivery = Delivery.FAILED;
      this.nextAttemptAt = null;
    } else {
      this.delivery = Delivery.QUEUED;
      this.nextAttemptAt = now.plus(retryAfter(attempts, retryBase));
    }
  }

  /** Why a message was not sent or came back: a key under {@code outbox.reason.}, its values. */
  static Reason reason(String key, Object... values) {
    return Reason.keyed("outbox.reason." + key, values);
  }

  /**
   * {@link #getLastError} read as the reason it was written from, for each reader's language; null
   * when there is none, or it is not one the portal wrote (then it is shown as it is).
   */
  public Reason getFailure() {
    return lastError == null
        ? null
        : Reason.ofEnglish(lastError, List.of("outbox.reason.")).orElse(null);
  }

  /** Its node stopped while sending it (the lease ran out): not sent again. */
  void unconfirmed() {
    require(Delivery.SENDING);
    this.delivery = Delivery.UNCONFIRMED;
    this.leaseUntil = null;
    this.nextAttemptAt = null;
    this.lastError = null; // the state says it all, in each reader's words
  }

  /**
   * A delivery report says the recipient's server could not deliver it. Only a message that left
   * (sent, or perhaps sent) can come back; a second report changes nothing.
   *
   * @return whether this changed it
   */
  boolean returned(String reason) {
    if (delivery != Delivery.SENT && delivery != Delivery.UNCONFIRMED) {
      return false;
    }
    this.delivery = Delivery.RETURNED;
    this.lastError = reason.length() > 500 ? reason.substring(0, 500) : reason;
    return true;
  }

  /**
   * The wait after the {@code attempts}-th failed attempt: base, twice it, ..., at most an hour.
   */
  static Duration retryAfter(int attempts, Duration base) {
    Duration wait = base;
    for (int i = 1; i < attempts && wait.compareTo(LONGEST_WAIT) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  private void require(Delivery expected) {
    if (delivery != expected) {
      throw new IllegalStateException("message " + id + " is " + delivery + ", not " + expected);
    }
  }
}
