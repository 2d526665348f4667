package eu.federa.identity;

import eu.federa.platform.security.AuthenticatedUser;

/**
 * CDI event: a user started a session (fired inside the transaction that records the sign-in), so
 * that other capabilities can react without identity knowing them, e.g. tenancy's membership rules.
 */
public record SignedIn(AuthenticatedUser user) {}
