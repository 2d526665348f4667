/**
 * How capabilities contribute to a tenant's export bundle without depending on the capability that
 * writes it: a {@link eu.federa.platform.export.TenantDataSection} per capability, writing through
 * a {@link eu.federa.platform.export.BundleWriter}.
 */
package eu.federa.platform.export;
