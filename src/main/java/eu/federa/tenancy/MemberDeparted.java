package eu.federa.tenancy;

/**
 * A member left a tenant or was removed from it: fired inside the transaction that removed the
 * membership, so that what depends on the membership (the API keys they created) follows at once.
 */
public record MemberDeparted(long tenantId, String userSubject) {}
