package eu.federa.tenancy;

/**
 * How a membership came about. Only a membership a rule granted is a rule's to end: when the user
 * signs in and no rule matches any more, it goes; the others stay until an admin removes them.
 */
public enum MembershipOrigin {
  /** The person who onboarded the organisation. */
  ONBOARDING,
  /** An invitation a tenant admin sent and the person accepted. */
  INVITATION,
  /** A membership rule (e-mail domain, identity provider, group) matched at sign-in. */
  RULE,
  /** Recreated from the organisation's export bundle by a platform admin (an import). */
  IMPORT,
  /** A service account a tenant admin made: it ends when the account is revoked. */
  SERVICE_ACCOUNT
}
