package eu.federa.tenancy;

import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What other capabilities may know of tenants and projects, without reading tenancy's tables:
 * names, residency, which tenant a project belongs to. No caller check: the services that call it
 * check their own callers (through {@link TenantAccess}) before they show anything.
 */
@ApplicationScoped
public class TenantDirectory implements eu.federa.platform.directory.OrganisationNames {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** A project as other capabilities name it. */
  public record ProjectRef(long id, long tenantId, String name) implements java.io.Serializable {}

  /** The names of the tenants with these ids that exist, by id. */
  @Override
  @Transactional
  public Map<Long, String> names(Collection<Long> tenantIds) {
    Map<Long, String> names = new HashMap<>();
    if (tenantIds.isEmpty()) {
      return names;
    }
    Row.all(
            em.createQuery("select t.id, t.name from Tenant t where t.id in :ids")
                .setParameter("ids", tenantIds))
        .forEach(r -> names.put(r.lng(0), r.str(1)));
    return names;
  }

  @Override
  @Transactional
  public List<Long> named(String name) {
    return em.createQuery(
            "select t.id from Tenant t where lower(t.name) = lower(:name) order by t.id",
            Long.class)
        .setParameter("name", name)
        .getResultList();
  }

  /** The tenant's residency: the countries its workloads may run in (empty: anywhere). */
  @Transactional
  public Optional<Residency> residency(long tenantId) {
    return Optional.ofNullable(em.find(Tenant.class, tenantId)).map(Tenant::getResidency);
  }

  /** The residency of each of the tenants that exist, by id (one statement). */
  @Transactional
  public Map<Long, Residency> residencies(Collection<Long> tenantIds) {
    Map<Long, Residency> residencies = new HashMap<>();
    if (tenantIds.isEmpty()) {
      return residencies;
    }
    Row.all(
            em.createQuery("select t.id, t.residencyCountries from Tenant t where t.id in :ids")
                .setParameter("ids", Set.copyOf(tenantIds)))
        .forEach(r -> residencies.put(r.lng(0), Residency.fromStored(r.str(1))));
    return residencies;
  }

  /** The project, whichever tenant it belongs to. */
  @Transactional
  public Optional<ProjectRef> project(long projectId) {
    return Row.first(
            em.createQuery("select p.id, p.tenant.id, p.name from Project p where p.id = :id")
                .setParameter("id", projectId))
        .map(r -> new ProjectRef(r.lng(0), r.lng(1), r.str(2)));
  }

  /** The tenant's projects by name (for a platform admin's choice; the caller checks access). */
  @Transactional
  public List<ProjectRef> projects(long tenantId) {
    return Row.all(
            em.createQuery(
                    "select p.id, p.tenant.id, p.name from Project p where p.tenant.id = :t"
                        + " order by p.name, p.id")
                .setParameter("t", tenantId))
        .stream()
        .map(r -> new ProjectRef(r.lng(0), r.lng(1), r.str(2)))
        .toList();
  }

  /** The tenant's project of that name, if it has one. */
  @Transactional
  public Optional<Long> projectNamed(long tenantId, String name) {
    return em.createQuery(
            "select p.id from Project p where p.tenant.id = :t and p.name = :n order by p.id",
            Long.class)
        .setParameter("t", tenantId)
        .setParameter("n", name)
        .getResultStream()
        .findFirst();
  }

  /** True when the project exists and belongs to the tenant. */
  @Transactional
  public boolean isProjectOf(long projectId, long tenantId) {
    return project(projectId).filter(p -> p.tenantId() == tenantId).isPresent();
  }

  /** Every tenant by id, with the id of its first project (null: it has none). */
  @Transactional
  public Map<Long, Long> firstProjects() {
    Map<Long, Long> first = new LinkedHashMap<>();
    Row.all(
            em.createQuery(
                "select t.id, (select min(p.id) from Project p where p.tenant = t)"
                    + " from Tenant t order by t.id"))
        .forEach(r -> first.put(r.lng(0), r.lngOrNull(1)));
    return first;
  }

  /**
   * Stops new orders of the tenant from {@code since} (it is leaving), or lets them again (null).
   */
  @Transactional
  public void freezeOrders(long tenantId, Instant since) {
    em.createNativeQuery("UPDATE tenant SET orders_frozen_at = ?1 WHERE id = ?2")
        .setParameter(1, since)
        .setParameter(2, tenantId)
        .executeUpdate();
  }

  /** True when the tenant may not order now: it is leaving and asked so, or it has left. */
  @Transactional
  public boolean ordersFrozen(long tenantId) {
    return Row.first(
            em.createNativeQuery(
                    "SELECT orders_frozen_at IS NOT NULL OR closed_at IS NOT NULL FROM tenant"
                        + " WHERE id = ?1")
                .setParameter(1, tenantId))
        .map(r -> r.bool(0))
        .orElse(false);
  }

  /** Why the tenant is suspended, when it is (its members may read, not act). */
  @Transactional
  public Optional<String> suspension(long tenantId) {
    return Optional.ofNullable(em.find(Tenant.class, tenantId))
        .filter(Tenant::isSuspended)
        .map(t -> t.getSuspendedReason() == null ? "" : t.getSuspendedReason());
  }

  /** The tenant's members now: each one's subject and role, oldest membership first. */
  @Transactional
  public Map<String, TenantRole> members(long tenantId) {
    Map<String, TenantRole> members = new LinkedHashMap<>();
    em.createQuery(
            "select m from Membership m where m.tenant.id = :t order by m.id", Membership.class)
        .setParameter("t", tenantId)
        .getResultStream()
        .forEach(m -> members.put(m.getUserSubject(), m.getRole()));
    return members;
  }

  /** Of these people, those who are members of another tenant too. */
  @Transactional
  public Set<String> membersElsewhere(Collection<String> subjects, long tenantId) {
    if (subjects.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        em.createQuery(
                "select distinct m.userSubject from Membership m where m.userSubject in :s"
                    + " and m.tenant.id <> :t",
                String.class)
            .setParameter("s", subjects)
            .setParameter("t", tenantId)
            .getResultList());
  }
}
