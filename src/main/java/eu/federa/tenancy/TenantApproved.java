package eu.federa.tenancy;

/**
 * CDI event, fired inside the approval's transaction once the tenant exists: other capabilities set
 * up what a new tenant needs (quota grants the chosen plan). An observer that throws refuses the
 * approval as a whole.
 *
 * @param planCode the quota plan the platform admin chose, or {@code null} for the default
 */
public record TenantApproved(long tenantId, String planCode) {}
