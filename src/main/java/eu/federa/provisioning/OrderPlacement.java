package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.billing.BudgetService;
import eu.federa.billing.PriceList;
import eu.federa.billing.PriceService;
import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import eu.federa.identity.SshKeys;
import eu.federa.placement.Decision;
import eu.federa.placement.PlacementChoices;
import eu.federa.placement.PlacementRequest;
import eu.federa.placement.PlacementService;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.quota.QuotaReservations;
import eu.federa.quota.Usage;
import eu.federa.storage.Volumes;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.ProjectSshKeys;
import eu.federa.tenancy.Residency;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Placing an order: the one use case through which VMs and AI services are ordered (issue #14,
 * defect 1). In one transaction, in this order: the tenant's lock, the caller's right to order, the
 * form, the idempotency key, the budget, the order's rows, the quota reservation, the capacity
 * claim, the price and the approval threshold, the audit entry. Either all of it is written or
 * nothing is; the saga ({@link OrderSaga}) then deploys what does not wait for approval.
 */
@ApplicationScoped
public class OrderPlacement {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject CurrentUser caller;
  @Inject Catalog catalog;
  @Inject PlacementService placement;
  @Inject QuotaReservations quota;
  @Inject BudgetService budgets;
  @Inject PriceService prices;
  @Inject ApprovalPolicy approvals;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject Volumes volumes;
  @Inject OrderPlacement self;
  @Inject TenantDirectory tenants;
  @Inject SshKeys sshKeys;
  @Inject ProjectSshKeys projectKeys;

  /**
   * What is being ordered, seen by the one placement use case: its form, how an earlier order with
   * the same idempotency key is found, and how its rows are written.
   */
  public interface Ordering {

    /**
     * @throws InvalidInputException for a bad form
     */
    void check();

    /**
     * The order already placed with this form's idempotency key, if any.
     *
     * @throws ConflictException when the key was used for a different order
     */
    Optional<Long> existing(EntityManager em, long tenantId);

    /** The project the order is for, or null for the tenant's own. */
    default Long projectId() {
      return null;
    }

    /** The GiB of a volume to make with the (single) VM, 0 for none. */
    default int volumeGib() {
      return 0;
    }

    /**
     * Ordered by the platform for the tenant (a bundle's import), not by a member: no membership is
     * asked for and no approval waited for; {@link #write} is then given no member.
     */
    default boolean byPlatform() {
      return false;
    }

    /**
     * Resolves the form for the member's tenant and writes the order's rows (its VMs in state
     * RESERVED, not yet placed).
     *
     * @throws InvalidInputException when the form names what the tenant cannot order
     */
    Batch write(EntityManager em, Membership member, String requester, Instant now);
  }

  /**
   * An order's rows as written: its id, its VMs with what each holds of the quota (in instance
   * order), and where they may go.
   */
  public record Batch(
      long id,
      String auditTarget,
      String auditDetail,
      Size size,
      PlacementRequest request,
      Map<Long, Integer> templates,
      List<VmOrder> vms,
      List<Usage> usages) {

    public Batch {
      if (vms.isEmpty() || vms.size() != usages.size() || vms.size() != request.instances()) {
        throw new IllegalArgumentException("One VM and one usage per placed instance");
      }
    }
  }

  /** An order as it would be placed now: where, why, and what it holds of the quota. */
  /**
   * @param estimate what it costs at the chosen provider, or null when it has no price list yet
   */
  public record Quote(
      Image image,
      Size size,
      PlacementRequest request,
      Decision decision,
      int offeringProviders,
      PriceList.Estimate estimate)
      implements Serializable {}

  /**
   * Where the VM order would go now, with the explanation; nothing is held.
   *
   * @throws InvalidInputException for a bad form, an unknown image or size, or an image not offered
   *     in the allowed countries
   */
  @Transactional
  public Quote quote(long tenantId, OrderForm form) {
    Membership member = access.require(tenantId, TenantPermission.ORDER);
    Resolved r = resolve(member, form);
    Decision decision = placement.preview(r.request()).decision();
    return new Quote(
        r.image(),
        r.size(),
        r.request(),
        decision,
        r.templates().size(),
        decision.placed()
            ? estimate(
                decision.choices().get(0).providerId(),
                r.size(),
                1,
                form.publicAddress() ? 1 : 0,
                form.volumeGibOrNone())
            : null);
  }

  /** What {@code count} VMs of the size cost at the provider, or null without a price list. */
  public PriceList.Estimate estimate(long providerId, Size size, int count) {
    return estimate(providerId, size, count, 0);
  }

  /**
   * What {@code count} VMs of the size with {@code publicIps} public addresses each cost at the
   * provider, or null without a price list (or without a price for addresses, when wanted).
   */
  public PriceList.Estimate estimate(long providerId, Size size, int count, int publicIps) {
    return estimate(providerId, size, count, publicIps, 0);
  }

  /** As above, each VM with a volume of {@code volumeGib} (billed like its disk). */
  public PriceList.Estimate estimate(
      long providerId, Size size, int count, int publicIps, int volumeGib) {
    return prices
        .estimate(
            providerId,
            size.vcpu(),
            size.memoryMib(),
            size.diskGib() + volumeGib,
            size.gpus(),
            size.gpuModel(),
            publicIps)
        .map(e -> e.times(count))
        .orElse(null);
  }

  /**
   * Places a VM order. The same form sent twice (same idempotency key) orders once and returns the
   * same id.
   *
   * @throws InvalidInputException for a bad form
   * @throws eu.federa.quota.QuotaExceededException when a limit would be exceeded
   * @throws eu.federa.billing.BudgetExhaustedException when a blocking budget is spent
   * @throws NoPlacementException when no host can take it now
   */
  public long placeOrder(long tenantId, OrderForm form) {
    return place(tenantId, new VmOrdering(form, this, null));
  }

  /**
   * A VM to be made from a backup rather than from the catalog's image: placed like any order of
   * the backed-up VM's image and size, but only at the backup's provider.
   *
   * @param originalOrderId the order of the backed-up VM (its SSH keys are given to the new one)
   */
  public record Restore(
      long backupId, int imageId, long providerId, String providerName, long originalOrderId)
      implements Serializable {}

  /**
   * Places the order of a VM restored from a backup: {@code form} names the backed-up VM's image
   * and size; quota, budget, approval and placement as for any order.
   *
   * @throws InvalidInputException when the provider no longer offers the VM's image
   */
  public long restoreOrder(long tenantId, OrderForm form, Restore restore) {
    return place(tenantId, new VmOrdering(form, this, restore));
  }

  /**
   * A VM recreated from a disk in an imported bundle, for the organisation the import made.
   *
   * @param key unique per imported VM: placing it again places it once
   * @param diskUrl where its provider downloads the disk from
   */
  public record ImportedVm(
      String key,
      String name,
      Long projectId,
      String imageCode,
      String sizeCode,
      boolean publicAddress,
      String diskUrl,
      String importedBy)
      implements Serializable {}

  /**
   * Places the order of a VM recreated from an imported disk: like any order of its image and size
   * (quota, budget, placement under the tenant's residency, the capacity claim), on a provider that
   * offers the image, with no approval to wait for (a platform admin loaded the bundle). The VM
   * boots from the disk, which the provider downloads once the order deploys.
   *
   * @throws InvalidInputException when this Federa does not offer the image or size
   * @throws NoPlacementException when no host can take it now
   */
  public long placeImported(long tenantId, ImportedVm vm) {
    return place(tenantId, new ImportOrdering(tenantId, vm, this));
  }

  /**
   * Places an order of any kind (see the class comment), trying again when it lost a race for a
   * host; returns the id of the order (of the AI service, for one).
   */
  public long place(long tenantId, Ordering what) {
    return PlacementRetries.placeRetrying(
        () -> self.placeOnce(tenantId, what), () -> self.existing(tenantId, what));
  }

  /** The order an earlier attempt placed with the same key, if any. */
  @Transactional
  public Optional<Long> existing(long tenantId, Ordering what) {
    return what.existing(em, tenantId);
  }

  /** One attempt of {@link #place}; public so that its transaction applies. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long placeOnce(long tenantId, Ordering what) {
    // First, before any read: the transaction's snapshot then starts after the tenant's earlier
    // orders committed, so quota, budget and placement see them and do not lose the race to them.
    quota.lockTenant(tenantId);
    Membership member = what.byPlatform() ? null : access.require(tenantId, TenantPermission.ORDER);
    what.check();
    Optional<Long> existing = what.existing(em, tenantId);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (tenants.ordersFrozen(tenantId)) {
      // The organisation is leaving and asked for its orders to stop (Data Act exit).
      throw new ConflictException("order.error.frozen");
    }
    if (what.projectId() != null && !tenants.isProjectOf(what.projectId(), tenantId)) {
      throw new InvalidInputException(FieldError.of("project", "order.error.project"));
    }
    if (member != null && !member.worksIn(what.projectId())) {
      // What a member orders for a project is the project's: only its members may (a tenant
      // admin works in every project).
      throw new InvalidInputException(FieldError.of("project", "order.error.projectNotMember"));
    }
    budgets.requireRoom(tenantId);
    Instant now = clock.instant();
    // Ordered by the platform: no request, no caller (background work); the ordering names who.
    String requester = member == null ? null : caller.user().map(u -> u.subject()).orElse("?");
    Batch batch = what.write(em, member, requester, now);
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < batch.vms().size(); i++) {
      VmOrder vm = batch.vms().get(i);
      quota.reserve(
          tenantId, vm.getProjectId(), batch.size().gpuModel(), vm.ref(), batch.usages().get(i));
      refs.add(vm.ref());
    }
    Decision decision = placement.claimEach(batch.request(), refs);
    if (!decision.placed()) {
      throw new NoPlacementException(decision.shortfall(), batch.request());
    }
    BigDecimal eurPerMonth =
        placed(batch.vms(), decision, batch.templates(), batch.size(), what.volumeGib());
    if (what.volumeGib() > 0) {
      // Its quota is held with the VM's, under the same lock; it is made once the VM runs.
      volumes.orderedWith(VmVolumes.target(batch.vms().get(0)), what.volumeGib());
    }
    boolean waits = member != null && approvals.needed(member, eurPerMonth);
    if (waits) {
      // Waiting holds the quota only: the hosts' room goes back to everyone until a tenant admin
      // approves, and the order is placed again then (issue #14, defect 6).
      for (VmOrder vm : batch.vms()) {
        vm.awaitApproval(now);
        placement.release(vm.ref());
      }
    }
    String detail =
        (waits ? AuditDetail.PLACED_AWAITING : AuditDetail.PLACED)
            .text(
                batch.auditDetail(),
                decision.choices().stream()
                    .map(Decision.Choice::providerName)
                    .distinct()
                    .collect(Collectors.joining(", ")));
    if (member == null) {
      audit.bySystem(AuditAction.ORDER_PLACED, tenantId, batch.auditTarget(), detail);
    } else {
      audit.success(AuditAction.ORDER_PLACED, tenantId, batch.auditTarget(), detail);
    }
    return batch.id();
  }

  /**
   * Records where each VM goes and what it costs there.
   *
   * @return what they cost together per month, or null when a provider has no price list
   */
  private BigDecimal placed(
      List<VmOrder> vms,
      Decision decision,
      Map<Long, Integer> templates,
      Size size,
      int volumeGib) {
    String explanation = Explanations.toJson(decision.explanation());
    BigDecimal total = BigDecimal.ZERO;
    for (Decision.Choice choice : decision.choices()) {
      VmOrder vm = vms.get(choice.instance() - 1);
      vm.placed(choice, templates.get(choice.providerId()), explanation);
      PriceList.Estimate one = estimate(choice.providerId(), size, 1, vm.publicIps(), volumeGib);
      vm.estimated(one == null ? null : one.eurPerMonth());
      total = total == null || one == null ? null : total.add(one.eurPerMonth());
    }
    return total;
  }

  /**
   * Places orders again as they were ordered (size, image, countries, the orderer's placement
   * choices, the tenant's residency), on any provider offering their image but {@code excluded},
   * and claims the hosts: one VM, or the waiting VMs of one AI service together (on different
   * hosts, as first ordered). For approvals and for replacement after a provider failed; the caller
   * holds the orders' row locks.
   *
   * @return the provider they go to, or empty when none can take them now
   */
  Optional<String> placeAgain(List<VmOrder> group, Set<Long> excluded) {
    VmOrder first = group.get(0);
    Again again = again(first, excluded).orElse(null);
    if (again == null) {
      return Optional.empty();
    }
    PlacementRequest request = again.request();
    if (group.size() > 1) {
      request = request.withInstances(group.size(), PlacementRequest.AntiAffinity.HOSTS);
    }
    Decision decision = placement.claimEach(request, group.stream().map(VmOrder::ref).toList());
    if (!decision.placed()) {
      return Optional.empty();
    }
    placed(group, decision, again.templates(), again.size(), volumes.orderedGib(first.getId()));
    return Optional.of(decision.choices().get(0).providerName());
  }

  /**
   * Where an order may be placed again: its request as it was ordered (size, image, countries, the
   * orderer's placement choices, the tenant's residency now, a public address if it has one) over
   * the providers offering its image, but {@code excluded}; with each one's template.
   */
  record Again(PlacementRequest request, Map<Long, Integer> templates, Size size) {}

  /** The order's {@link Again}; empty when no provider but the excluded ones could take it. */
  Optional<Again> again(VmOrder first, Set<Long> excluded) {
    Size size = catalog.size(first.getSizeCode()).orElse(null);
    Image image = catalog.image(first.getImageCode()).orElse(null);
    Residency residency = tenants.residency(first.getTenantId()).orElse(null);
    if (size == null || image == null || residency == null) {
      return Optional.empty();
    }
    List<String> countries =
        first.getCountries().isBlank() ? List.of() : List.of(first.getCountries().split(","));
    Resolved r;
    try {
      r = resolve(residency.countries(), image, size, countries, first.placementChoices());
    } catch (InvalidInputException noOffer) {
      return Optional.empty();
    }
    Set<Long> candidates = new HashSet<>(r.request().includeProviders());
    candidates.removeAll(excluded);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    PlacementRequest request =
        r.request()
            .providers(candidates, r.request().excludeProviders())
            .withPublicAddress(first.isPublicAddress());
    if (first.isPublicAddress()) {
      request = withoutUnpricedAddresses(request, candidates);
    }
    Map<Long, Integer> templates = new HashMap<>(r.templates());
    templates.keySet().retainAll(candidates);
    return Optional.of(new Again(request, templates, size));
  }

  /** The form's image and size, the request for placement and each offering provider's template. */
  public record Resolved(
      Image image, Size size, PlacementRequest request, Map<Long, Integer> templates) {}

  Resolved resolve(Membership member, OrderForm form) {
    form.check();
    Image image =
        catalog
            .image(form.imageCode())
            .filter(i -> Image.VM.equals(i.purpose()))
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        FieldError.of("image", "order.error.image", form.imageCode())));
    Size size =
        catalog
            .size(form.sizeCode())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        FieldError.of("size", "order.error.size", form.sizeCode())));
    Resolved r = resolve(member, image, size, form.countries(), form.placement());
    PlacementRequest request = r.request().withPublicAddress(form.publicAddress());
    if (form.publicAddress()) {
      request = withoutUnpricedAddresses(request, r.templates().keySet());
    }
    return new Resolved(r.image(), r.size(), request, r.templates());
  }

  /**
   * The request without the providers whose price list in force has no price for a public address:
   * such a provider does not offer them (its address would be given away). A provider without any
   * price list is treated as for every order (the order's price is unknown).
   */
  private PlacementRequest withoutUnpricedAddresses(
      PlacementRequest request, Collection<Long> providers) {
    Map<Long, PriceList> lists = prices.inForce();
    Set<Long> unpriced = new HashSet<>(request.excludeProviders());
    for (long providerId : providers) {
      PriceList list = lists.get(providerId);
      if (list != null && list.eurPerPublicIpHour() == null) {
        unpriced.add(providerId);
      }
    }
    return request.providers(request.includeProviders(), unpriced);
  }

  /**
   * Where an image of a size may go for the member's tenant under the orderer's choices (also for
   * AI services' VMs).
   */
  public Resolved resolve(
      Membership member, Image image, Size size, List<String> countries, PlacementChoices choices) {
    return resolve(member.getTenant().getResidency().countries(), image, size, countries, choices);
  }

  /**
   * @throws InvalidInputException when the image is not offered in the allowed countries, or by
   *     none of the providers the choices leave
   */
  private Resolved resolve(
      List<String> residency,
      Image image,
      Size size,
      List<String> countries,
      PlacementChoices choices) {
    PlacementRequest request = PlacementRequest.of(size.vcpu(), size.memoryMib(), size.diskGib());
    if (size.gpus() > 0) {
      request = request.withGpus(size.gpus(), size.gpuClass(), size.gpuModel());
    }
    if (!countries.isEmpty()) {
      request = request.inCountries(Set.copyOf(countries));
    }
    request = PlacementService.withinResidency(request, residency);
    Map<Long, Integer> templates = new HashMap<>();
    Set<String> offeredIn = new HashSet<>();
    for (Offer offer : catalog.offersOf(image.code())) {
      offeredIn.add(offer.countryCode());
      if (request.allowedCountries().isEmpty()
          || request.allowedCountries().contains(offer.countryCode())) {
        templates.put(offer.providerId(), offer.templateId());
      }
    }
    if (templates.isEmpty()) {
      throw new InvalidInputException(
          FieldError.of(
              "image",
              offeredIn.isEmpty() ? "order.error.imageNowhere" : "order.error.imageNotHere",
              image.displayName(),
              request.allowedCountries().stream().sorted().collect(Collectors.joining(", ")),
              offeredIn.stream().sorted().collect(Collectors.joining(", "))));
    }
    // The orderer's providers narrow those offering the image; none left is the form's mistake.
    Set<Long> offering = new HashSet<>(templates.keySet());
    if (!choices.includeProviders().isEmpty()) {
      offering.retainAll(choices.includeProviders());
    }
    offering.removeAll(choices.excludeProviders());
    if (offering.isEmpty()) {
      throw new InvalidInputException(
          FieldError.of(
              "includeProviders", "order.error.providersNotOffering", image.displayName()));
    }
    return new Resolved(
        image,
        size,
        choices.applyTo(request).providers(offering, Set.copyOf(choices.excludeProviders())),
        templates);
  }

  /** A VM ordered from the order form, or restored from a backup ({@code restore} not null). */
  private record VmOrdering(OrderForm form, OrderPlacement placing, Restore restore)
      implements Ordering {

    @Override
    public void check() {
      form.check();
    }

    @Override
    public Optional<Long> existing(EntityManager em, long tenantId) {
      Optional<VmOrder> earlier =
          em.createQuery(
                  "select o from VmOrder o where o.tenantId = :t and o.idempotencyKey = :k",
                  VmOrder.class)
              .setParameter("t", tenantId)
              .setParameter("k", form.idempotencyKey())
              .getResultStream()
              .findFirst();
      earlier
          .filter(
              o ->
                  !(o.getName().equals(form.name())
                      && o.getImageCode().equals(form.imageCode())
                      && o.getSizeCode().equals(form.sizeCode())
                      && Objects.equals(o.getProjectId(), form.projectId())))
          .ifPresent(
              o -> {
                throw new ConflictException("order.error.keyReused");
              });
      return earlier.map(VmOrder::getId);
    }

    /** Where a restore may go: the backup's provider, if it still offers the image. */
    private Resolved onlyAt(Resolved r, long providerId) {
      Integer templateId = r.templates().get(providerId);
      if (templateId == null) {
        throw new InvalidInputException(
            FieldError.of(
                "backup",
                "backup.error.imageGone",
                r.image().displayName(),
                restore.providerName()));
      }
      return new Resolved(
          r.image(),
          r.size(),
          r.request().providers(Set.of(providerId), Set.of()),
          Map.of(providerId, templateId));
    }

    @Override
    public Long projectId() {
      return form.projectId();
    }

    @Override
    public int volumeGib() {
      return form.volumeGibOrNone();
    }

    @Override
    public Batch write(EntityManager em, Membership member, String requester, Instant now) {
      long tenantId = member.getTenant().getId();
      Resolved r = placing.resolve(member, form);
      if (restore != null) {
        r = onlyAt(r, restore.providerId());
      }
      Size size = r.size();
      VmOrder order =
          new VmOrder(
              tenantId,
              form.projectId(),
              requester,
              form.idempotencyKey(),
              form.name(),
              r.image().code(),
              size,
              String.join(",", form.countries()),
              now);
      order.allowOtherProvider(form.allowOtherProvider());
      order.choosePlacement(form.placement());
      order.askPublicAddress(form.publicAddress());
      List<String> keys = new ArrayList<>(placing.sshKeys.linesFor(form.sshKeyIds()));
      placing.projectKeys.linesFor(tenantId, form.projectId(), form.projectSshKeyIds()).stream()
          .filter(line -> !keys.contains(line))
          .forEach(keys::add);
      order.giveSshKeys(keys, r.image().loginUser());
      if (restore != null) {
        VmOrder original = em.find(VmOrder.class, restore.originalOrderId());
        order.giveSshKeys(original.getSshPublicKeys(), original.getSshLoginUser());
        order.restoreFrom(restore.backupId(), restore.imageId());
      }
      em.persist(order);
      em.flush();
      return new Batch(
          order.getId(),
          AuditTarget.Kind.ORDER.of(order.getId()),
          AuditDetail.ordered(size.code(), r.image().code()),
          size,
          r.request(),
          r.templates(),
          List.of(order),
          List.of(Usage.ofVm(size.vcpu(), size.memoryMib(), size.diskGib(), size.gpus())));
    }
  }

  /** A VM recreated from an imported disk ({@link #placeImported}). */
  private record ImportOrdering(long tenantId, ImportedVm vm, OrderPlacement placing)
      implements Ordering {

    @Override
    public void check() {
      // The import checked the bundle; the image and size are resolved when written.
    }

    @Override
    public Optional<Long> existing(EntityManager em, long tenant) {
      return em.createQuery(
              "select o.id from VmOrder o where o.tenantId = :t and o.idempotencyKey = :k",
              Long.class)
          .setParameter("t", tenant)
          .setParameter("k", vm.key())
          .getResultStream()
          .findFirst();
    }

    @Override
    public Long projectId() {
      return vm.projectId();
    }

    @Override
    public boolean byPlatform() {
      return true;
    }

    @Override
    public Batch write(EntityManager em, Membership none, String requester, Instant now) {
      Image image =
          placing
              .catalog
              .image(vm.imageCode())
              .filter(i -> Image.VM.equals(i.purpose()))
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          FieldError.of("image", "order.error.image", vm.imageCode())));
      Size size =
          placing
              .catalog
              .size(vm.sizeCode())
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          FieldError.of("size", "order.error.size", vm.sizeCode())));
      Residency residency =
          placing
              .tenants
              .residency(tenantId)
              .orElseThrow(() -> new IllegalStateException("no tenant " + tenantId));
      Resolved r =
          placing.resolve(residency.countries(), image, size, List.of(), PlacementChoices.NONE);
      PlacementRequest request = r.request().withPublicAddress(vm.publicAddress());
      if (vm.publicAddress()) {
        request = placing.withoutUnpricedAddresses(request, r.templates().keySet());
      }
      VmOrder order =
          new VmOrder(
              tenantId,
              vm.projectId(),
              vm.importedBy(),
              vm.key(),
              vm.name(),
              image.code(),
              size,
              "",
              now);
      order.askPublicAddress(vm.publicAddress());
      order.importFrom(vm.diskUrl());
      em.persist(order);
      em.flush();
      return new Batch(
          order.getId(),
          AuditTarget.Kind.ORDER.of(order.getId()),
          AuditDetail.imported(size.code(), image.code(), vm.importedBy()),
          size,
          request,
          r.templates(),
          List.of(order),
          List.of(Usage.ofVm(size.vcpu(), size.memoryMib(), size.diskGib(), size.gpus())));
    }
  }
}
