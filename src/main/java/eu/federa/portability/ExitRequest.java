package eu.federa.portability;

import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * A tenant's switching or exit request (Data Act Art. 25) and its timeline: the notice (at most two
 * months), the transition (30 days; extended once by the tenant by at most 30 more; longer, up to
 * seven months, only with a platform admin's written justification), the data-retrieval window (at
 * least 30 days), then the erasure. Its deadlines are the timers the exit worker claims ({@link
 * #getNextActionAt}); its transitions are the rules of what may happen when.
 */
@Entity
@Table(name = "exit_request")
public class ExitRequest {

  /** The longest notice: the transition starts at most two months after the request. */
  static final int MAX_NOTICE_MONTHS = 2;

  /** The transition's length. */
  static final Duration TRANSITION = Duration.ofDays(30);

  /** How much longer the tenant's one extension may make the transition. */
  static final Duration MAX_EXTENSION = Duration.ofDays(30);

  /** The longest transition, with a platform admin's justification. */
  static final int MAX_JUSTIFIED_MONTHS = 7;

  /** The shortest data-retrieval window. */
  static final Duration MIN_RETRIEVAL = Duration.ofDays(30);

  /** The shortest justification a platform admin writes. */
  static final int MIN_JUSTIFICATION = 20;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(name = "active_tenant_id")
  private Long activeTenantId;

  @Column(name = "requested_by", nullable = false)
  private String requestedBy;

  @Column(name = "requested_at", nullable = false, updatable = false)
  private Instant requestedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20, updatable = false)
  private ExitDestination destination;

  @Column(name = "destination_note", length = 200)
  private String destinationNote;

  @Column(name = "export_wanted", nullable = false, updatable = false)
  private boolean exportWanted;

  @Column(name = "switching_charge_eur", nullable = false, precision = 12, scale = 2)
  private BigDecimal switchingChargeEur;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private ExitPhase phase;

  @Enumerated(EnumType.STRING)
  @Column(length = 20)
  private ExitStep step;

  @Column(name = "transition_starts_at", nullable = false)
  private Instant transitionStartsAt;

  @Column(name = "transition_ends_at", nullable = false)
  private Instant transitionEndsAt;

  @Column(name = "retrieval_ends_at", nullable = false)
  private Instant retrievalEndsAt;

  @Column(name = "extended_at")
  private Instant extendedAt;

  @Column(length = 2000)
  private String justification;

  @Column(name = "justified_by")
  private String justifiedBy;

  @Column(name = "final_export_id")
  private Long finalExportId;

  @Column(name = "next_action_at", nullable = false)
  private Instant nextActionAt;

  @Column(name = "step_claim", length = 36)
  private String stepClaim;

  @Column(name = "step_lease_until")
  private Instant stepLeaseUntil;

  @Column(name = "step_attempts", nullable = false)
  private int stepAttempts;

  @Column(length = 1000)
  private String reason;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Column(name = "ended_by")
  private String endedBy;

  @Column(name = "former_admins", length = 4000)
  private String formerAdmins;

  @Version
  @Column(nullable = false)
  private long version;

  protected ExitRequest() {}

  /**
   * A new request: its transition starts at {@code transitionStartsAt} (now at the earliest, two
   * months later at the latest).
   *
   * @param retrieval how long the final bundle stays downloadable (at least 30 days)
   * @throws InvalidInputException when the start is in the past or too far ahead
   */
  ExitRequest(
      long tenantId,
      String requestedBy,
      Instant now,
      ExitDestination destination,
      String destinationNote,
      Instant transitionStartsAt,
      BigDecimal switchingChargeEur,
      Duration retrieval) {
    Instant latest = now.atOffset(ZoneOffset.UTC).plusMonths(MAX_NOTICE_MONTHS).toInstant();
    if (transitionStartsAt.isBefore(now.minus(Duration.ofDays(1)))) {
      throw new InvalidInputException(FieldError.of("startDate", "exit.error.startPast"));
    }
    if (transitionStartsAt.isAfter(latest)) {
      throw new InvalidInputException(
          FieldError.of("startDate", "exit.error.noticeTooLong", MAX_NOTICE_MONTHS));
    }
    Instant start = transitionStartsAt.isBefore(now) ? now : transitionStartsAt;
    this.tenantId = tenantId;
    this.activeTenantId = tenantId;
    this.requestedBy = requestedBy;
    this.requestedAt = now;
    this.destination = destination;
    this.destinationNote = destinationNote;
    this.exportWanted = destination != ExitDestination.ERASE_ONLY;
    this.switchingChargeEur = switchingChargeEur;
    this.phase = ExitPhase.NOTICE;
    this.transitionStartsAt = start;
    this.transitionEndsAt = start.plus(TRANSITION);
    Duration window = retrieval.compareTo(MIN_RETRIEVAL) < 0 ? MIN_RETRIEVAL : retrieval;
    this.retrievalEndsAt = exportWanted ? transitionEndsAt.plus(window) : transitionEndsAt;
    this.nextActionAt = start;
  }

  // ------------------------------------------------------------------ the tenant's and admins'
  // acts

  /**
   * The tenant's one extension of the transition, to {@code newEnd} (at most 30 days later than now
   * planned); the retrieval window moves with it.
   */
  void extend(Instant newEnd, Instant now) {
    requireBeforeTransitionEnd(now);
    if (extendedAt != null) {
      throw new ConflictException("exit.error.extendedAlready");
    }
    if (!newEnd.isAfter(transitionEndsAt)) {
      throw new InvalidInputException(FieldError.of("newEnd", "exit.error.extendNotLater"));
    }
    if (newEnd.isAfter(transitionEndsAt.plus(MAX_EXTENSION))) {
      throw new InvalidInputException(
          FieldError.of("newEnd", "exit.error.extendTooLong", MAX_EXTENSION.toDays()));
    }
    moveTransitionEnd(newEnd);
    this.extendedAt = now;
  }

  /**
   * A platform admin's longer transition, where the switch is technically not feasible sooner (Art.
   * 25(4)): up to seven months from its start, with a written justification.
   */
  void justify(Instant newEnd, String text, String by, Instant now) {
    requireBeforeTransitionEnd(now);
    String why = text == null ? "" : text.strip();
    if (why.length() < MIN_JUSTIFICATION) {
      throw new InvalidInputException(
          FieldError.of("justification", "exit.error.justificationShort", MIN_JUSTIFICATION));
    }
    if (why.length() > 2000) {
      throw new InvalidInputException(
          FieldError.of("justification", "exit.error.justificationLong", 2000));
    }
    if (!newEnd.isAfter(transitionEndsAt)) {
      throw new InvalidInputException(FieldError.of("newEnd", "exit.error.extendNotLater"));
    }
    Instant latest =
        transitionStartsAt.atOffset(ZoneOffset.UTC).plusMonths(MAX_JUSTIFIED_MONTHS).toInstant();
    if (newEnd.isAfter(latest)) {
      throw new InvalidInputException(
          FieldError.of("newEnd", "exit.error.justifiedTooLong", MAX_JUSTIFIED_MONTHS));
    }
    moveTransitionEnd(newEnd);
    this.justification = why;
    this.justifiedBy = by;
  }

  /** Cancelled by the tenant before the transition ended: nothing more happens. */
  void cancel(String by, Instant now) {
    requireBeforeTransitionEnd(now);
    this.phase = ExitPhase.CANCELLED;
    this.activeTenantId = null;
    this.endedAt = now;
    this.endedBy = by;
    this.step = null;
    this.stepClaim = null;
    this.stepLeaseUntil = null;
  }

  private void requireBeforeTransitionEnd(Instant now) {
    if (!phase.beforeTransitionEnd() || !now.isBefore(transitionEndsAt)) {
      throw new ConflictException("exit.error.transitionOver", phase.name());
    }
  }

  private void moveTransitionEnd(Instant newEnd) {
    Duration window = Duration.between(transitionEndsAt, retrievalEndsAt);
    this.transitionEndsAt = newEnd;
    this.retrievalEndsAt = newEnd.plus(window);
    if (phase == ExitPhase.TRANSITION) {
      this.nextActionAt = newEnd;
    }
  }

  // ------------------------------------------------------------------ the worker's steps

  /** Whether the worker may take its next step now (due, and no other worker on it). */
  boolean due(Instant now) {
    return !phase.over()
        && !nextActionAt.isAfter(now)
        && (stepLeaseUntil == null || stepLeaseUntil.isBefore(now));
  }

  void claimed(String claim, Instant leaseUntil) {
    this.stepClaim = claim;
    this.stepLeaseUntil = leaseUntil;
  }

  boolean heldBy(String claim) {
    return claim.equals(stepClaim);
  }

  /** The notice is over: the transition starts. */
  void transitionStarted() {
    require(ExitPhase.NOTICE);
    this.phase = ExitPhase.TRANSITION;
    done(transitionEndsAt);
  }

  /** The transition is over: the retrieval window opens (the final bundle first, if wanted). */
  void transitionEnded(Instant now) {
    require(ExitPhase.TRANSITION);
    this.phase = ExitPhase.RETRIEVAL;
    this.step = exportWanted ? ExitStep.EXPORT : ExitStep.ENDING;
    done(now);
  }

  void finalExportAsked(long exportId, Instant now) {
    this.finalExportId = exportId;
    this.step = ExitStep.EXPORTING;
    done(now.plusSeconds(5));
  }

  /** The final bundle is ready (or could not be made: the tenant's own bundles still can). */
  void finalExportDone(Instant now) {
    this.step = ExitStep.ENDING;
    done(now);
  }

  /** The services are ended: the retrieval window runs to its end. */
  void servicesEnded() {
    this.step = ExitStep.WINDOW;
    done(retrievalEndsAt);
  }

  /** The retrieval window is over: the erasure starts; its admins now keep the record. */
  void erasureStarted(List<String> admins, Instant now) {
    require(ExitPhase.RETRIEVAL);
    this.phase = ExitPhase.ERASING;
    this.step = ExitStep.INVOICE;
    this.formerAdmins = admins.isEmpty() ? null : "," + String.join(",", admins) + ",";
    done(now);
  }

  /** One erasure step is done: the next one, now. */
  void next(ExitStep following, Instant now) {
    this.step = following;
    done(now);
  }

  /** The erasure is done and recorded. */
  void erased(Instant now) {
    require(ExitPhase.ERASING);
    this.phase = ExitPhase.ERASED;
    this.step = null;
    this.activeTenantId = null;
    this.endedAt = now;
    this.endedBy = "system";
    done(now);
  }

  /** The step could not be done now: tried again at {@code at}, saying why. */
  void retryAt(Reason why, Instant at) {
    this.reason = why == null ? null : why.encoded();
    this.stepAttempts++;
    this.nextActionAt = at;
    this.stepClaim = null;
    this.stepLeaseUntil = null;
  }

  /** Nothing to do before {@code at} (a bundle being made): looked at again then. */
  void waitUntil(Instant at) {
    this.nextActionAt = at;
    this.stepClaim = null;
    this.stepLeaseUntil = null;
  }

  private void done(Instant next) {
    this.nextActionAt = next;
    this.stepAttempts = 0;
    this.reason = null;
    this.stepClaim = null;
    this.stepLeaseUntil = null;
  }

  private void require(ExitPhase expected) {
    if (phase != expected) {
      throw new IllegalStateException("exit " + id + " is " + phase + ", not " + expected);
    }
  }

  // ------------------------------------------------------------------ reads

  /** Whether this person was an admin of the tenant when its erasure started. */
  boolean formerAdmin(String subject) {
    return formerAdmins != null && subject != null && formerAdmins.contains("," + subject + ",");
  }

  List<String> formerAdminList() {
    return formerAdmins == null
        ? List.of()
        : Arrays.stream(formerAdmins.split(",")).filter(s -> !s.isEmpty()).toList();
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public Instant getRequestedAt() {
    return requestedAt;
  }

  public ExitDestination getDestination() {
    return destination;
  }

  public String getDestinationNote() {
    return destinationNote;
  }

  public boolean isExportWanted() {
    return exportWanted;
  }

  public BigDecimal getSwitchingChargeEur() {
    return switchingChargeEur;
  }

  public ExitPhase getPhase() {
    return phase;
  }

  public ExitStep getStep() {
    return step;
  }

  public Instant getTransitionStartsAt() {
    return transitionStartsAt;
  }

  public Instant getTransitionEndsAt() {
    return transitionEndsAt;
  }

  public Instant getRetrievalEndsAt() {
    return retrievalEndsAt;
  }

  public Instant getExtendedAt() {
    return extendedAt;
  }

  public String getJustification() {
    return justification;
  }

  public Long getFinalExportId() {
    return finalExportId;
  }

  public Instant getNextActionAt() {
    return nextActionAt;
  }

  public int getStepAttempts() {
    return stepAttempts;
  }

  /** Why the last step is tried again; null when it is not. */
  public Reason getReason() {
    return Reason.decode(reason);
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public String getEndedBy() {
    return endedBy;
  }
}
