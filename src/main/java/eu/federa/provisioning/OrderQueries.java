package eu.federa.provisioning;

import eu.federa.energy.Footprint;
import eu.federa.energy.Footprints;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.platform.security.NotFoundException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reading a tenant's orders (any member); another tenant's order is not found. */
@ApplicationScoped
public class OrderQueries {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject Footprints footprints;
  @Inject eu.federa.tenancy.TeamProjects projects;

  /** The tenant's orders, newest first, a page at a time. */
  @Transactional
  public List<OrderView> orders(long tenantId, int first, int max) {
    return orders(tenantId, null, first, max);
  }

  /** The tenant's orders of one project (null: all), newest first, a page at a time. */
  @Transactional
  public List<OrderView> orders(long tenantId, Long projectId, int first, int max) {
    access.require(tenantId, TenantPermission.VIEW);
    return rows(tenantId, projectId, first, max);
  }

  /**
   * A page of the orders and how many there are (the resource list's every view).
   *
   * @param first the first row of the page
   */
  public record Page(List<ResourceRow> rows, long total, int first) {}

  /**
   * A page of the tenant's orders (one project's, or all), newest first, and how many there are, as
   * parts of a read of several capabilities ({@link UnionRead}); the caller has checked that its
   * caller may see the tenant.
   */
  static final class PageRead {
    private final UnionRead.Part rows;
    private final UnionRead.Part count;
    private final int first;
    private final String ids;

    private PageRead(UnionRead.Part rows, UnionRead.Part count, int first, String ids) {
      this.rows = rows;
      this.count = count;
      this.first = first;
      this.ids = ids;
    }

    /** SQL that selects the ids of the page's orders (for other parts to read what is theirs). */
    String ids() {
      return ids;
    }

    Page of(UnionRead.Result result) {
      return new Page(
          rows.rows(result).stream().map(ResourceRow::of).toList(),
          count.rows(result).get(0).lng(0),
          first);
    }
  }

  /**
   * Adds rows {@code first} to {@code first + max} of the orders and their count to {@code read}.
   */
  static PageRead pageWith(UnionRead read, long tenantId, Long projectId, int first, int max) {
    read.set("ordersTenant", tenantId).set("ordersFirst", first).set("ordersMax", max);
    String where = " FROM vm_order o WHERE o.tenant_id = :ordersTenant";
    if (projectId != null) {
      read.set("ordersProject", projectId);
      where += " AND o.project_id = :ordersProject";
    }
    // newest first: the outer order of the read (created_at, then id, both descending) is the
    // page's own, which LIMIT cut on the (tenant_id, created_at) index
    String page =
        where + " ORDER BY o.created_at DESC, o.id DESC LIMIT :ordersMax OFFSET :ordersFirst";
    return new PageRead(
        read.add(
            ResourceRow.COLUMNS,
            page,
            UnionRead.Sort.desc(ResourceRow.CREATED_AT),
            UnionRead.Sort.desc(0)),
        read.add(List.of(UnionRead.Column.number("COUNT(*)")), where),
        first,
        // MariaDB takes no LIMIT in an IN subquery, but does in a derived table inside one
        "SELECT id FROM (SELECT o.id" + page + ") page_ids");
  }

  private List<OrderView> rows(long tenantId, Long projectId, int first, int max) {
    return ResultPage.window(
            em.createQuery(
                    "select "
                        + OrderView.ATTRIBUTES
                        + " from VmOrder o where o.tenantId = :t"
                        + " and (:p is null or o.projectId = :p) order by o.createdAt desc, o.id desc",
                    Object[].class)
                .setParameter("t", tenantId)
                .setParameter("p", projectId),
            first,
            max)
        .getResultStream()
        .map(OrderView::of)
        .toList();
  }

  @Transactional
  public long count(long tenantId) {
    return count(tenantId, null);
  }

  @Transactional
  public long count(long tenantId, Long projectId) {
    access.require(tenantId, TenantPermission.VIEW);
    return countOf(tenantId, projectId);
  }

  private long countOf(long tenantId, Long projectId) {
    return em.createQuery(
            "select count(o) from VmOrder o where o.tenantId = :t"
                + " and (:p is null or o.projectId = :p)",
            Long.class)
        .setParameter("t", tenantId)
        .setParameter("p", projectId)
        .getSingleResult();
  }

  /**
   * What the tenant has now, at a glance ({@link ResourceSummary}: its VMs by where they stand, and
   * its AI services; ended orders left out), as a part of a read of several capabilities ({@link
   * UnionRead}): the dashboard reads it in the statement of its cards. The caller has checked that
   * its caller may see the tenant ({@link TenantPermission#VIEW}).
   */
  public static SummaryRead summaryWith(UnionRead read, long tenantId) {
    read.set("summaryTenant", tenantId);
    return new SummaryRead(
        read.add(
            List.of(
                UnionRead.Column.text("state"),
                UnionRead.Column.number("service_id"),
                UnionRead.Column.number("COUNT(*)")),
            "FROM vm_order WHERE tenant_id = :summaryTenant AND "
                + OrderState.notEndedSql("state")
                + " GROUP BY state, service_id"));
  }

  /** The summary's part of a read. */
  public static final class SummaryRead {
    private final UnionRead.Part part;

    private SummaryRead(UnionRead.Part part) {
      this.part = part;
    }

    /** What the read found. */
    public ResourceSummary of(UnionRead.Result result) {
      return ResourceSummary.of(part.rows(result));
    }
  }

  /**
   * One order of the tenant.
   *
   * @throws NotFoundException when it is not the tenant's
   */
  @Transactional
  public OrderView order(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return OrderView.of(find(tenantId, orderId));
  }

  /** The placement explanation kept with the order. */
  @Transactional
  public Explanations.Kept explanation(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return Explanations.read(find(tenantId, orderId).getExplanation());
  }

  /**
   * The order's estimated energy and CO₂e per month where it runs now; empty before it is placed or
   * once it ended.
   */
  @Transactional
  public java.util.Optional<Footprints.Estimate> footprint(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    VmOrder o = find(tenantId, orderId);
    if (o.getState().ended()) {
      return java.util.Optional.empty();
    }
    return footprints.ofVm(o.getHostId(), o.getVcpu(), o.getGpus(), o.getGpuModel());
  }

  /**
   * What the tenant's running VMs (AI services' included) draw and emit per month, in total and by
   * project ({@code null} key: the organisation's own), with how many VMs count and how many of
   * them sit on hosts without measured use yet.
   */
  public record TenantEnergy(
      Footprint total,
      java.util.Map<Long, Footprint> byProject,
      java.util.Map<Long, String> projectNames,
      int vms,
      int assumed)
      implements java.io.Serializable {}

  /** The tenant's {@link TenantEnergy} now (any member): a fixed number of statements. */
  @Transactional
  public TenantEnergy energy(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return energyOf(tenantId, null);
  }

  /**
   * The {@link TenantEnergy} of one AI service of the tenant now, its running VMs summed (any
   * member).
   *
   * @throws NotFoundException when the service is not the tenant's
   */
  @Transactional
  public TenantEnergy serviceEnergy(long tenantId, long serviceId) {
    access.require(tenantId, TenantPermission.VIEW);
    AiService service = em.find(AiService.class, serviceId);
    if (service == null || service.getTenantId() != tenantId) {
      throw new NotFoundException("AI service", serviceId);
    }
    return energyOf(tenantId, serviceId);
  }

  /** The running VMs of the tenant (of one service when {@code serviceId} is given). */
  private TenantEnergy energyOf(long tenantId, Long serviceId) {
    jakarta.persistence.TypedQuery<Object[]> rows =
        em.createQuery(
                "select o.id, o.projectId, o.hostId, o.vcpu, o.gpus, o.gpuModel from VmOrder o"
                    + " where o.tenantId = :t and o.state = :running and o.hostId is not null"
                    + (serviceId == null ? "" : " and o.serviceId = :s"),
                Object[].class)
            .setParameter("t", tenantId)
            .setParameter("running", OrderState.RUNNING);
    if (serviceId != null) {
      rows.setParameter("s", serviceId);
    }
    return summed(tenantId, rows.getResultList());
  }

  /** The estimates of the VMs of {@code rows} (id, project, host, vCPU, GPUs, GPU model). */
  private TenantEnergy summed(long tenantId, List<Object[]> rows) {
    java.util.Map<Long, Long> projectOf = new java.util.HashMap<>();
    List<Footprints.Share> shares = new java.util.ArrayList<>();
    for (Object[] r : rows) {
      long id = (Long) r[0];
      projectOf.put(id, (Long) r[1]);
      shares.add(
          new Footprints.Share(
              id, (Long) r[2], ((Number) r[3]).doubleValue(), (Integer) r[4], (String) r[5]));
    }
    java.util.Map<Long, Footprints.Estimate> estimates = footprints.of(shares);
    Footprint total = Footprint.NONE;
    java.util.Map<Long, Footprint> byProject = new java.util.LinkedHashMap<>();
    int assumed = 0;
    for (java.util.Map.Entry<Long, Footprints.Estimate> e : estimates.entrySet()) {
      Footprint f = e.getValue().footprint();
      total = total.plus(f);
      byProject.merge(projectOf.get(e.getKey()), f, Footprint::plus);
      assumed += e.getValue().measured() ? 0 : 1;
    }
    java.util.Map<Long, String> names = new java.util.HashMap<>();
    if (byProject.keySet().stream().anyMatch(java.util.Objects::nonNull)) {
      projects.projectNames(tenantId).forEach(p -> names.put(p.id(), p.name()));
    }
    return new TenantEnergy(total, byProject, names, estimates.size(), assumed);
  }

  /**
   * One order of the tenant as background work sees it (a bundle's import watching the orders it
   * placed): no member is asking.
   */
  @Transactional
  public java.util.Optional<OrderView> bySystem(long tenantId, long orderId) {
    VmOrder o = em.find(VmOrder.class, orderId);
    return o == null || o.getTenantId() != tenantId
        ? java.util.Optional.empty()
        : java.util.Optional.of(OrderView.of(o));
  }

  private VmOrder find(long tenantId, long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    return order;
  }
}
