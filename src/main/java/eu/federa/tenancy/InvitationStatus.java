package eu.federa.tenancy;

/** Where an invitation stands. An expired one stays PENDING in the table; see {@code isOpen}. */
public enum InvitationStatus {
  PENDING,
  ACCEPTED,
  REVOKED
}
