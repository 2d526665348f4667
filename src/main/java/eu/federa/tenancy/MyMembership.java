package eu.federa.tenancy;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every page's header and menu know of one of the caller's memberships: the organisation, the
 * role, whether a platform admin suspended it, and the projects the caller administers there. Read
 * as values in one statement ({@link TenantAccess#mine}), not as entities: every page asks.
 *
 * @param suspendedReason why the organisation is suspended, null when it is not
 * @param administeredProjectIds the projects the caller is an admin of, in order (none for most)
 */
public record MyMembership(
    long tenantId,
    String tenantName,
    TenantRole role,
    boolean suspended,
    String suspendedReason,
    Set<Long> administeredProjectIds) {

  public MyMembership {
    administeredProjectIds = Collections.unmodifiableSet(new TreeSet<>(administeredProjectIds));
  }
}
