/**
 * Portability (EU Data Act, Chapter VI): a tenant leaves with everything. Its export bundle is made
 * in the background from every capability's {@link eu.federa.platform.export.TenantDataSection} (so
 * this package depends on none of them), kept for a retention period and downloaded by the tenant's
 * admins; the schemas of its files are published. A tenant's exit (switching request, timeline
 * timers, erasure and its signed record) ends every capability's workloads and erases every
 * capability's data through {@link eu.federa.platform.exit}, cloud (the provider side) and billing
 * (the final invoice). A bundle is also loaded back (an import by a platform admin): the
 * organisation recreated through tenancy, each VM through an ordinary order of provisioning, which
 * boots it from its disk. Depends on the platform, tenancy (who may ask), identity and mail
 * (telling people), cloud, billing, provisioning (imports) and audit.
 */
@Capability(
    uses = {"audit", "billing", "cloud", "identity", "mail", "platform", "provisioning", "tenancy"},
    tables = {
      "bundle_import",
      "bundle_import_vm",
      "data_export",
      "data_export_disk",
      "exit_erasure_item",
      "exit_record",
      "exit_request"
    })
package eu.federa.portability;

import eu.federa.platform.Capability;
