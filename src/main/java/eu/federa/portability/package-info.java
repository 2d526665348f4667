/**
 * Portability (EU Data Act, Chapter VI): a tenant leaves with everything. Its export bundle is made
 * in the background from every capability's {@link eu.federa.platform.export.TenantDataSection} (so
 * this package depends on none of them), kept for a retention period and downloaded by the tenant's
 * admins; the schemas of its files are published. Depends on the platform, tenancy (who may ask),
 * identity and mail (telling the requester), and audit.
 */
@Capability(
    uses = {"audit", "cloud", "identity", "mail", "platform", "tenancy"},
    tables = {"data_export"})
package eu.federa.portability;

import eu.federa.platform.Capability;
