package eu.federa.tenancy;

/** A membership rule as a platform admin fills it in. */
public record MembershipRuleForm(String kind, String value, Long tenantId, String role) {}
