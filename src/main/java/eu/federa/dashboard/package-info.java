/**
 * The page a user lands on after signing in: a summary of their account and, as the other
 * capabilities arrive, of their organisation's resources, quotas and spend. Reads through the other
 * capabilities' services only.
 */
@Capability(uses = {"identity", "platform", "tenancy"})
package eu.federa.dashboard;

import eu.federa.platform.Capability;
