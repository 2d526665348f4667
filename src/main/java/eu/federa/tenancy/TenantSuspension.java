package eu.federa.tenancy;

/**
 * An organisation was suspended or resumed (fired inside the transaction that did it): what caches
 * a decision about it (the AI gateway's keys) reads it again.
 */
public record TenantSuspension(long tenantId, boolean suspended) {}
