package eu.federa.platform.security;

/**
 * Whether a signed-in caller may go on at all, asked by the sign-in filter on every request. Its
 * one implementation (tenancy's {@code CallerMemberships}) reads it in the same statement as the
 * caller's memberships, which every page's header and menu show next: one statement and one
 * connection a request instead of two (docs/performance.md, "Eighth pass").
 */
public interface CallerStanding {

  /**
   * Whether a platform admin has disabled the account of {@code subject}, read from the database
   * for this request (a disabled account is refused from its very next request on).
   */
  boolean disabled(String subject);
}
