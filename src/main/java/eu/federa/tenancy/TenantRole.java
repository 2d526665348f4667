package eu.federa.tenancy;

/** What a member may do in a tenant; kept in Federa's database, not in Keycloak. */
public enum TenantRole {
  TENANT_ADMIN,
  MEMBER,
  VIEWER,
  BILLING
}
