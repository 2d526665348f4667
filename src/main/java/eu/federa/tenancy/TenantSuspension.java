package eu.federa.tenancy;

/**
 * An organisation was suspended or resumed (fired inside the transaction that did it): what caches
 * a decision about it reads it again (the AI gateway's keys), and its VMs are powered off when the
 * suspension asks for it ({@code powerOff}), on again when it ends.
 */
public record TenantSuspension(long tenantId, boolean suspended, boolean powerOff) {}
