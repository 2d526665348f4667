package eu.federa.tenancy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a member may do in a tenant; kept in Federa's database, not in Keycloak. */
public enum TenantRole {
  TENANT_ADMIN(3, EnumSet.allOf(TenantPermission.class)),
  MEMBER(2, EnumSet.of(TenantPermission.VIEW, TenantPermission.ORDER)),
  BILLING(1, EnumSet.of(TenantPermission.VIEW, TenantPermission.SEE_BILLING)),
  VIEWER(0, EnumSet.of(TenantPermission.VIEW));

  private final int rank;
  private final Set<TenantPermission> permissions;

  TenantRole(int rank, Set<TenantPermission> permissions) {
    this.rank = rank;
    this.permissions = permissions;
  }

  public boolean allows(TenantPermission permission) {
    return permissions.contains(permission);
  }

  /** Whether a service account may have this role: administration stays with people. */
  public boolean isForServiceAccounts() {
    return this != TENANT_ADMIN;
  }

  /** The roles a service account may have, strongest first. */
  public static List<TenantRole> serviceAccountRoles() {
    return Arrays.stream(values()).filter(TenantRole::isForServiceAccounts).toList();
  }

  /** Of two roles granted at once (two matching rules), the one that allows more. */
  public static TenantRole stronger(TenantRole a, TenantRole b) {
    return a.rank >= b.rank ? a : b;
  }

  /** Parses a role name as pages and the API send it; empty for anything else. */
  public static Optional<TenantRole> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (TenantRole role : values()) {
      if (role.name().equalsIgnoreCase(name.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
