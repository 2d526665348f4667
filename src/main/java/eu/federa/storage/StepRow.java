package eu.federa.storage;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * What every row a storage worker carries on has: when its next step is due, and the claim of the
 * node taking that step (a random token and the end of its lease), so that another node takes the
 * step over only once the lease ran out, and the late node then writes nothing.
 */
@MappedSuperclass
abstract class StepRow {

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "step_claim", length = 36)
  private String stepClaim;

  @Column(name = "step_lease_until")
  private Instant stepLeaseUntil;

  /** Its next step is due at {@code at}. */
  void later(Instant at) {
    this.nextAttemptAt = at;
  }

  void claim(String token, Instant until) {
    this.stepClaim = token;
    this.stepLeaseUntil = until;
  }

  boolean claimedBy(String token) {
    return token.equals(stepClaim);
  }

  void unclaim() {
    this.stepClaim = null;
    this.stepLeaseUntil = null;
  }

  public Instant getNextAttemptAt() {
    return nextAttemptAt;
  }
}
