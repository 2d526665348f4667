package eu.federa.tenancy;

/**
 * An organisation is about to be suspended: fired first in the suspension's transaction, before its
 * row is locked. What guards the organisation's acting work (its quota's lock, which orders,
 * resizes and storage take as their first statement) is taken here, in the same order as that work
 * takes it: work already holding it commits before the suspension, work that comes after reads the
 * suspension committed and is refused.
 */
public record TenantSuspending(long tenantId) {}
