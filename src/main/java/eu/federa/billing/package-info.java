/**
 * Billing: price lists per provider (effective-dated) and the estimates orders show. Depends on the
 * platform, the provider registry's tables and placement (it supplies placement's prices).
 */
@Capability(uses = {"audit", "cloud", "mail", "placement", "platform", "quota", "tenancy"})
package eu.federa.billing;

import eu.federa.platform.Capability;
