/**
 * Who is signed in: the portal's own record of each user (created at first sign-in through
 * Keycloak), their preferences, disabling a user (refused from the next request on), and Keycloak
 * administration through a service account. Announces sign-ins as a CDI event. Depends on {@code
 * platform} and {@code audit}.
 */
@Capability(
    uses = {"audit", "mail", "platform"},
    tables = {"portal_user", "ssh_key"})
package eu.federa.identity;

import eu.federa.platform.Capability;
