package eu.federa.platform.directory;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The names of organisations, for pages of capabilities that tenancy itself depends on (the
 * federation's audit trail names each entry's organisation, and is filtered by one's name). Its one
 * implementation is tenancy's {@code TenantDirectory}.
 */
public interface OrganisationNames {

  /** The names of the organisations with these ids that exist, by id (one statement). */
  Map<Long, String> names(Collection<Long> tenantIds);

  /** The ids of the organisations named {@code name}, letter case aside (one statement). */
  List<Long> named(String name);
}
