/**
 * The page a user lands on after signing in: a summary of their account and of their organisation's
 * resources, quota and spend (its cards, read in one call). Reads through the other capabilities'
 * services only.
 */
@Capability(uses = {"billing", "identity", "platform", "provisioning", "quota", "tenancy"})
package eu.federa.dashboard;

import eu.federa.platform.Capability;
