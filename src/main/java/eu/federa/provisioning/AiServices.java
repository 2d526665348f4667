package eu.federa.provisioning;

import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditTarget;
import eu.federa.billing.PriceList;
import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Model;
import eu.federa.catalog.Size;
import eu.federa.placement.Decision;
import eu.federa.placement.PlacementRequest;
import eu.federa.placement.PlacementService;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.quota.Usage;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * AI services: inference endpoints, notebooks and training jobs, each built from appliance VMs that
 * are ordinary orders (same saga, quota and placement). An inference endpoint's replicas are placed
 * on different hosts in one decision, reserved and claimed in one transaction.
 */
@ApplicationScoped
public class AiServices {

  /**
   * Where, under the portal's address, the AI gateway answers (the {@code ai} capability's
   * servlet): inference endpoints are called there, their name as the model.
   */
  public static final String GATEWAY_PATH = "/ai/v1";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject Catalog catalog;
  @Inject PlacementService placement;
  @Inject OrderPlacement placing;
  @Inject VmActions actions;
  @Inject AiServices self;

  /** Where the service's VMs would run now; nothing is held. */
  /**
   * @param estimate the service's VMs together, or null when a provider has no price list
   */
  public record Quote(
      Model model,
      Size size,
      PlacementRequest request,
      Decision decision,
      PriceList.Estimate estimate)
      implements Serializable {}

  /**
   * @throws InvalidInputException for a bad form, a model that does not fit the size's GPUs, or an
   *     appliance not offered in the allowed countries
   */
  @Transactional
  public Quote quote(long tenantId, AiServiceForm form) {
    Membership member = access.require(tenantId, TenantPermission.ORDER);
    Planned p = plan(member, form);
    Decision decision = placement.preview(p.request()).decision();
    PriceList.Estimate total = null;
    if (decision.placed()) {
      for (Decision.Choice choice : decision.choices()) {
        PriceList.Estimate one = placing.estimate(choice.providerId(), p.size(), 1);
        if (one == null) {
          total = null;
          break;
        }
        total = total == null ? one : total.plus(one);
      }
    }
    return new Quote(p.model(), p.size(), p.request(), decision, total);
  }

  /**
   * Orders the service through the one order-placement use case ({@link OrderPlacement}): its VMs
   * are written with their quota reservations and capacity claims in one transaction, or nothing
   * is; above the tenant's approval threshold a member's service waits for a tenant admin like any
   * order. The same form sent twice orders once.
   *
   * @throws eu.federa.quota.QuotaExceededException when a limit would be exceeded
   * @throws NoPlacementException when its VMs cannot all be placed now
   */
  public long order(long tenantId, AiServiceForm form) {
    return placing.place(tenantId, new ServiceOrdering(form, this));
  }

  /** An AI service seen by the placement use case: the service's row and one VM per replica. */
  private record ServiceOrdering(AiServiceForm form, AiServices services)
      implements OrderPlacement.Ordering {

    @Override
    public void check() {
      form.check();
    }

    @Override
    public Long projectId() {
      return form.projectId();
    }

    @Override
    public Optional<Long> existing(EntityManager em, long tenantId) {
      Optional<AiService> earlier =
          em.createQuery(
                  "select s from AiService s where s.tenantId = :t and s.idempotencyKey = :k",
                  AiService.class)
              .setParameter("t", tenantId)
              .setParameter("k", form.idempotencyKey())
              .getResultStream()
              .findFirst();
      earlier
          .filter(
              s ->
                  !(s.getKind() == form.kind()
                      && s.getName().equals(form.name())
                      && s.getSizeCode().equals(form.sizeCode())
                      && java.util.Objects.equals(s.getProjectId(), form.projectId())))
          .ifPresent(
              s -> {
                throw new ConflictException("order.error.keyReused");
              });
      return earlier.map(AiService::getId);
    }

    @Override
    public OrderPlacement.Batch write(
        EntityManager em, Membership member, String requester, Instant now) {
      long tenantId = member.getTenant().getId();
      Planned p = services.plan(member, form);
      AiService service = new AiService(tenantId, form, requester, now);
      em.persist(service);
      em.flush();
      Size size = p.size();
      List<VmOrder> vms = new ArrayList<>();
      List<Usage> usages = new ArrayList<>();
      for (int r = 1; r <= service.getReplicas(); r++) {
        VmOrder vm =
            new VmOrder(
                tenantId,
                service.getProjectId(),
                requester,
                form.idempotencyKey() + "-r" + r,
                service.getReplicas() == 1 ? form.name() : form.name() + "-" + r,
                p.resolved().image().code(),
                size,
                String.join(",", form.countries()),
                now);
        vm.partOf(service.getId(), r, service.getDurationLimitMinutes());
        vm.choosePlacement(form.placement());
        em.persist(vm);
        em.flush();
        vms.add(vm);
        // The endpoint itself counts once, with its first replica.
        usages.add(
            new Usage(
                size.vcpu(),
                size.memoryMib(),
                size.gpus(),
                1,
                size.diskGib(),
                r == 1 && form.kind() == AiKind.INFERENCE ? 1 : 0));
      }
      return new OrderPlacement.Batch(
          service.getId(),
          AuditTarget.Kind.AI_SERVICE.of(service.getId()),
          AuditDetail.service(
              form.kind(), service.getModelCode(), service.getReplicas(), size.code()),
          size,
          p.request(),
          p.resolved().templates(),
          vms,
          usages);
    }
  }

  /**
   * The tenant's AI services {@code first} to {@code first + max}, newest first, and how many there
   * are (any member): three statements whatever the page's size (the services, their VMs, the
   * sizes).
   */
  @Transactional
  public ResultPage<AiServiceView> page(long tenantId, int first, int max) {
    access.require(tenantId, TenantPermission.VIEW);
    ResultPage<AiService> page =
        ResultPage.read(
            em.createQuery("select count(s) from AiService s where s.tenantId = :t", Long.class)
                .setParameter("t", tenantId),
            em.createQuery(
                    "select s from AiService s where s.tenantId = :t"
                        + " order by s.createdAt desc, s.id desc",
                    AiService.class)
                .setParameter("t", tenantId),
            first,
            max,
            s -> s);
    return new ResultPage<>(views(page.rows()), page.total());
  }

  private List<AiServiceView> views(List<AiService> services) {
    if (services.isEmpty()) {
      return List.of();
    }
    Map<Long, List<VmOrder>> vmsByService =
        em.createQuery(
                "select o from VmOrder o where o.serviceId in :ids order by o.replicaNo",
                VmOrder.class)
            .setParameter("ids", services.stream().map(AiService::getId).toList())
            .getResultStream()
            .collect(Collectors.groupingBy(VmOrder::getServiceId));
    Map<String, Size> sizes =
        catalog.sizes().stream().collect(Collectors.toMap(Size::code, size -> size));
    return services.stream()
        .map(
            s ->
                view(
                    s, sizes.get(s.getSizeCode()), vmsByService.getOrDefault(s.getId(), List.of())))
        .toList();
  }

  /** An inference endpoint a key may be given: its service's id, name, model and project. */
  public record Endpoint(long id, String name, String modelCode, Long projectId)
      implements Serializable {}

  /**
   * The tenant's inference endpoints that have not ended (some VM of theirs is not over), newest
   * first (any member): those an API key may be given.
   */
  @Transactional
  public List<Endpoint> liveEndpoints(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return em.createQuery(
            "select s.id, s.name, s.modelCode, s.projectId from AiService s"
                + " where s.tenantId = :t and s.kind = :kind and exists (select o.id from VmOrder o"
                + " where o.serviceId = s.id and o.state not in :ended)"
                + " order by s.createdAt desc, s.id desc",
            Object[].class)
        .setParameter("t", tenantId)
        .setParameter("kind", AiKind.INFERENCE)
        .setParameter("ended", OrderState.ENDED)
        .getResultStream()
        .map(r -> new Endpoint((Long) r[0], (String) r[1], (String) r[2], (Long) r[3]))
        .toList();
  }

  /** The names of the tenant's services among {@code ids} (any member), by id. */
  @Transactional
  public Map<Long, String> names(long tenantId, Collection<Long> ids) {
    access.require(tenantId, TenantPermission.VIEW);
    List<Long> wanted = ids.stream().filter(java.util.Objects::nonNull).toList();
    if (wanted.isEmpty()) {
      return new java.util.HashMap<>();
    }
    return em.createQuery(
            "select s.id, s.name from AiService s where s.tenantId = :t and s.id in :ids",
            Object[].class)
        .setParameter("t", tenantId)
        .setParameter("ids", wanted)
        .getResultStream()
        .collect(Collectors.toMap(r -> (Long) r[0], r -> (String) r[1]));
  }

  /**
   * One service of the tenant (any member).
   *
   * @throws NotFoundException when it is not the tenant's
   */
  @Transactional
  public AiServiceView service(long tenantId, long serviceId) {
    access.require(tenantId, TenantPermission.VIEW);
    AiService s = em.find(AiService.class, serviceId);
    if (s == null || s.getTenantId() != tenantId) {
      throw new NotFoundException("AI service", serviceId);
    }
    return view(
        s,
        catalog.size(s.getSizeCode()).orElse(null),
        em.createQuery(
                "select o from VmOrder o where o.serviceId = :s order by o.replicaNo",
                VmOrder.class)
            .setParameter("s", serviceId)
            .getResultList());
  }

  /**
   * The tenant's inference endpoints that have not ended, each with its replicas that run now (an
   * address and a provider). For the AI gateway, which has authenticated the caller by an API key
   * of the tenant: no member is signed in, so this checks no membership.
   */
  @Transactional
  public List<ServingEndpoint> servingEndpoints(long tenantId) {
    List<Object[]> rows =
        em.createQuery(
                "select s.id, s.name, s.modelCode, o.id, o.state, o.ipAddress, o.providerId,"
                    + " o.providerName, o.countryCode, s.projectId"
                    + " from AiService s join VmOrder o on o.serviceId = s.id"
                    + " where s.tenantId = :t and s.kind = :k order by s.id, o.replicaNo",
                Object[].class)
            .setParameter("t", tenantId)
            .setParameter("k", AiKind.INFERENCE)
            .getResultList();
    Map<Long, List<Object[]>> byService =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    r -> (Long) r[0], java.util.LinkedHashMap::new, Collectors.toList()));
    List<ServingEndpoint> endpoints = new ArrayList<>();
    byService.forEach(
        (serviceId, vms) -> {
          if (vms.stream().allMatch(r -> ((OrderState) r[4]).ended())) {
            return;
          }
          List<ServingEndpoint.Replica> replicas =
              vms.stream()
                  .filter(r -> r[4] == OrderState.RUNNING && r[5] != null && r[6] != null)
                  .map(
                      r ->
                          new ServingEndpoint.Replica(
                              (Long) r[3],
                              (String) r[5],
                              (Long) r[6],
                              (String) r[7],
                              (String) r[8]))
                  .toList();
          Object[] first = vms.get(0);
          endpoints.add(
              new ServingEndpoint(
                  serviceId,
                  tenantId,
                  (Long) first[9],
                  (String) first[1],
                  (String) first[2],
                  replicas));
        });
    return endpoints;
  }

  /** A service as its pages, the API and exports show it, from its VMs (by replica). */
  static AiServiceView view(AiService s, Size size, List<VmOrder> vms) {
    return AiServiceView.of(
        s,
        size == null ? null : size.gpuModel(),
        vms.stream().map(OrderView::of).toList(),
        vms.isEmpty() ? null : TrainingJob.of(vms.get(0)));
  }

  /** Powers every VM of the service off. */
  public void stop(long tenantId, long serviceId) {
    for (OrderView vm : self.service(tenantId, serviceId).vms()) {
      if (vm.canStop()) {
        actions.stop(tenantId, vm.id());
      }
    }
  }

  public void start(long tenantId, long serviceId) {
    for (OrderView vm : self.service(tenantId, serviceId).vms()) {
      if (vm.canStart()) {
        actions.start(tenantId, vm.id());
      }
    }
  }

  /** Ends the service: every VM is terminated and its quota released. */
  public void terminate(long tenantId, long serviceId) {
    for (OrderView vm : self.service(tenantId, serviceId).vms()) {
      if (vm.canTerminate()) {
        actions.terminate(tenantId, vm.id());
      }
    }
  }

  private record Planned(
      Model model, Size size, PlacementRequest request, OrderPlacement.Resolved resolved) {}

  Planned plan(Membership member, AiServiceForm form) {
    form.check();
    Size size =
        catalog
            .size(form.sizeCode())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        FieldError.of("size", "order.error.size", form.sizeCode())));
    if (form.kind().needsGpu() && size.gpus() == 0) {
      throw new InvalidInputException(FieldError.of("size", "ai.error.gpuSize"));
    }
    Model model = null;
    if (form.kind().needsModel()) {
      model =
          catalog
              .model(form.modelCode())
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          FieldError.of("model", "ai.error.model", form.modelCode())));
      if (size.totalGpuMemoryGib() < model.minGpuMemoryGib()) {
        throw new InvalidInputException(
            FieldError.of(
                "size",
                "ai.error.modelTooBig",
                model.name(),
                model.minGpuMemoryGib(),
                size.totalGpuMemoryGib()));
      }
    }
    Image appliance =
        catalog
            .applianceFor(form.kind().name())
            .orElseThrow(() -> new InvalidInputException(FieldError.of("kind", "ai.error.kind")));
    OrderPlacement.Resolved resolved =
        placing.resolve(member, appliance, size, form.countries(), form.placement());
    PlacementRequest request = resolved.request();
    int replicas = form.kind() == AiKind.INFERENCE ? form.replicas() : 1;
    if (replicas > 1) {
      request = request.withInstances(replicas, PlacementRequest.AntiAffinity.HOSTS);
    }
    return new Planned(model, size, request, resolved);
  }
}
