package eu.federa.audit;

/** How an audited attempt ended. */
public enum AuditOutcome {
  SUCCESS,
  /** Refused because the caller lacked the right. */
  DENIED,
  /** Refused because of the input or the state of things (expired token, last admin). */
  REJECTED
}
