package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.billing.PriceList;
import eu.federa.billing.PriceService;
import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import eu.federa.placement.Decision;
import eu.federa.placement.PlacementRequest;
import eu.federa.placement.PlacementService;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.quota.QuotaService;
import eu.federa.quota.Usage;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ordering VMs and acting on them. An order is written in one transaction with its quota
 * reservation and capacity claim, or not at all; the saga ({@link OrderSaga}) then deploys it.
 */
@ApplicationScoped
public class OrderService {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject CurrentUser caller;
  @Inject Catalog catalog;
  @Inject PlacementService placement;
  @Inject QuotaService quota;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject OrderService self;
  @Inject OrderSaga saga;
  @Inject OrderSteps steps;
  @Inject PriceService prices;
  @Inject OrderMeter meter;
  @Inject eu.federa.billing.BudgetService budgets;
  @Inject eu.federa.cloud.registry.ProviderVms vms;
  @Inject eu.federa.mail.Mailer mailer;

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
   * Where the order would go now, with the explanation; nothing is held.
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
        decision.placed() ? estimate(decision.choices().get(0).providerId(), r.size(), 1) : null);
  }

  /** What {@code count} VMs of the size cost at the provider, or null without a price list. */
  public PriceList.Estimate estimate(long providerId, Size size, int count) {
    return prices
        .estimate(
            providerId, size.vcpu(), size.memoryMib(), size.diskGib(), size.gpus(), size.gpuModel())
        .map(e -> e.times(count))
        .orElse(null);
  }

  /**
   * Places the order: written with its quota reservation and capacity claim, then deployed in the
   * background. The same form sent twice (same idempotency key) orders once and returns the same
   * id.
   *
   * @throws InvalidInputException for a bad form
   * @throws eu.federa.quota.QuotaExceededException when a limit would be exceeded
   * @throws NoPlacementException when no host can take it now
   */
  public long placeOrder(long tenantId, OrderForm form) {
    return PlacementRetries.placeRetrying(
        () -> self.placeOnce(tenantId, form),
        () -> self.existingOrder(tenantId, form.idempotencyKey()));
  }

  /** One attempt of {@link #placeOrder}; public so that its transaction applies. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long placeOnce(long tenantId, OrderForm form) {
    // First, before any read: the transaction's snapshot then starts after the tenant's earlier
    // orders committed, so placement sees their claims and does not lose the race to them.
    quota.lockTenant(tenantId);
    Membership member = access.require(tenantId, TenantPermission.ORDER);
    form.check();
    Optional<Long> existing = existingOrder(tenantId, form.idempotencyKey());
    if (existing.isPresent()) {
      return existing.get();
    }
    Resolved r = resolve(member, form);
    if (form.projectId() != null && !projectOfTenant(form.projectId(), tenantId)) {
      throw new InvalidInputException(FieldError.of("project", "order.error.project"));
    }
    VmOrder order =
        new VmOrder(
            tenantId,
            form.projectId(),
            caller.user().map(u -> u.subject()).orElse("?"),
            form.idempotencyKey(),
            form.name(),
            r.image().code(),
            r.size(),
            String.join(",", form.countries()),
            clock.instant());
    order.allowOtherProvider(form.allowOtherProvider());
    em.persist(order);
    em.flush();
    Size size = r.size();
    budgets.requireRoom(tenantId);
    quota.reserve(
        tenantId,
        order.getProjectId(),
        size.gpuModel(),
        order.ref(),
        Usage.ofVm(size.vcpu(), size.memoryMib(), size.diskGib(), size.gpus()));
    Decision decision = placement.claim(r.request(), order.ref());
    if (!decision.placed()) {
      throw new NoPlacementException(decision.shortfall(), r.request());
    }
    Decision.Choice choice = decision.choices().get(0);
    order.placed(
        choice,
        r.templates().get(choice.providerId()),
        Explanations.toJson(decision.explanation()));
    PriceList.Estimate estimate = estimate(choice.providerId(), size, 1);
    order.estimated(estimate == null ? null : estimate.eurPerMonth());
    if (needsApproval(member, estimate)) {
      order.awaitApproval(clock.instant());
      // Waiting holds the quota only: the host's room goes back to everyone until a tenant admin
      // approves, and the order is placed again then (issue #14, defect 6).
      placement.release(order.ref());
    }
    audit.success(
        AuditAction.ORDER_PLACED,
        tenantId,
        "order " + order.getId(),
        size.code() + " " + r.image().code() + " at " + choice.providerName());
    return order.getId();
  }

  /**
   * Whether a tenant admin must approve: the tenant set a threshold, the caller is not an admin,
   * and the order costs more per month (or has no price to compare).
   */
  private boolean needsApproval(Membership member, PriceList.Estimate estimate) {
    if (member.getRole().allows(TenantPermission.APPROVE_ORDERS)) {
      return false;
    }
    BigDecimal threshold = approvalThreshold(member.getTenant().getId());
    return threshold != null
        && (estimate == null || estimate.eurPerMonth().compareTo(threshold) > 0);
  }

  private BigDecimal approvalThreshold(long tenantId) {
    @SuppressWarnings("unchecked")
    List<BigDecimal> found =
        em.createNativeQuery(
                "SELECT approval_above_eur_month FROM order_policy WHERE tenant_id = ?1")
            .setParameter(1, tenantId)
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }

  /** The monthly cost above which members' orders wait for approval, or null (any member). */
  @Transactional
  public BigDecimal approvalThresholdOf(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return approvalThreshold(tenantId);
  }

  /**
   * Sets or (null) lifts the approval threshold (tenant admins).
   *
   * @throws InvalidInputException for a negative or absurd amount
   */
  @Transactional
  public void setApprovalThreshold(long tenantId, BigDecimal eurPerMonth) {
    access.require(tenantId, TenantPermission.APPROVE_ORDERS);
    if (eurPerMonth != null
        && (eurPerMonth.signum() < 0
            || eurPerMonth.compareTo(new BigDecimal("10000000")) > 0
            || eurPerMonth.stripTrailingZeros().scale() > 2)) {
      throw new InvalidInputException(FieldError.of("threshold", "approval.error.threshold"));
    }
    em.createNativeQuery(
            "INSERT INTO order_policy (tenant_id, approval_above_eur_month, updated_by, updated_at)"
                + " VALUES (?1, ?2, ?3, ?4) ON DUPLICATE KEY UPDATE approval_above_eur_month = ?2,"
                + " updated_by = ?3, updated_at = ?4")
        .setParameter(1, tenantId)
        .setParameter(2, eurPerMonth)
        .setParameter(3, caller.user().map(u -> u.subject()).orElse("?"))
        .setParameter(4, clock.instant())
        .executeUpdate();
    audit.success(
        AuditAction.ORDER_POLICY_CHANGED,
        tenantId,
        "approval threshold",
        eurPerMonth == null ? "none" : eurPerMonth.toPlainString() + " EUR/month");
  }

  /**
   * Places an order again after its provider failed before the VM existed there (the user allowed
   * it): same countries and quota, any provider but those that failed it. Without another candidate
   * it is compensated. Called by the saga, not by users.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void replace(long orderId, Reason problem) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order == null || order.getState() != OrderState.RESERVED || !OrderSteps.stillHeld(order)) {
      return;
    }
    String failedName = order.getProviderName();
    java.util.Set<Long> failed = order.providerFailed();
    placement.release(order.ref());
    Placed again = placeAgain(order, failed);
    if (again == null) {
      order.compensate(Reason.of("noOtherProvider", failedName), clock.instant());
      return;
    }
    Decision.Choice choice = again.choice();
    order.placed(choice, again.templateId(), again.explanation());
    order.replaced(clock.instant());
    audit.bySystem(
        AuditAction.ORDER_REPLACED,
        order.getTenantId(),
        "order " + orderId,
        failedName + " -> " + choice.providerName() + " (" + problem.english() + ")");
  }

  /** Orders waiting for a tenant admin, oldest first (tenant admins). */
  @Transactional
  public List<OrderView> awaitingApproval(long tenantId) {
    access.require(tenantId, TenantPermission.APPROVE_ORDERS);
    return em.createQuery(
            "select o from VmOrder o where o.tenantId = :t and o.state = :s order by o.createdAt",
            VmOrder.class)
        .setParameter("t", tenantId)
        .setParameter("s", OrderState.AWAITING_APPROVAL)
        .getResultStream()
        .map(OrderView::of)
        .toList();
  }

  /** Where an order was placed again: the host claimed, the provider's template. */
  private record Placed(Decision.Choice choice, int templateId, String explanation) {}

  /**
   * Places an order again as its form asked (size, image, countries, the tenant's residency) on any
   * provider offering its image but {@code excluded}, and claims the host; null when none can take
   * it now. For approvals and for replacement after a provider failed.
   */
  private Placed placeAgain(VmOrder order, Set<Long> excluded) {
    Size size = catalog.size(order.getSizeCode()).orElse(null);
    Image image = catalog.image(order.getImageCode()).orElse(null);
    eu.federa.tenancy.Tenant tenant = em.find(eu.federa.tenancy.Tenant.class, order.getTenantId());
    if (size == null || image == null || tenant == null) {
      return null;
    }
    List<String> countries =
        order.getCountries().isBlank() ? List.of() : List.of(order.getCountries().split(","));
    Resolved r;
    try {
      r = resolve(tenant.getResidency().countries(), image, size, countries);
    } catch (InvalidInputException noOffer) {
      return null;
    }
    Set<Long> candidates = new HashSet<>(r.templates().keySet());
    candidates.removeAll(excluded);
    if (candidates.isEmpty()) {
      return null;
    }
    Decision decision = placement.claim(r.request().providers(candidates, Set.of()), order.ref());
    if (!decision.placed()) {
      return null;
    }
    Decision.Choice choice = decision.choices().get(0);
    return new Placed(
        choice,
        r.templates().get(choice.providerId()),
        Explanations.toJson(decision.explanation()));
  }

  /**
   * Approves a waiting order (tenant admins): placed again now (it held no host while waiting) and
   * deployed. Refused while the tenant's budget is exhausted and set to block.
   *
   * @throws ConflictException when no host can take it now ("approve again later")
   * @throws eu.federa.billing.BudgetExhaustedException when a blocking budget is spent
   */
  public void approve(long tenantId, long orderId) {
    PlacementRetries.placeRetrying(
        () -> {
          self.approveOnce(tenantId, orderId);
          return orderId;
        },
        Optional::empty);
  }

  /** One attempt of {@link #approve}; public so that its transaction applies. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void approveOnce(long tenantId, long orderId) {
    quota.lockTenant(tenantId); // first: the budget and placement read after it
    access.require(tenantId, TenantPermission.APPROVE_ORDERS);
    VmOrder order = waiting(tenantId, orderId);
    budgets.requireRoom(tenantId);
    Placed again = placeAgain(order, Set.of());
    if (again == null) {
      throw new ConflictException("approval.error.noRoom");
    }
    order.placed(again.choice(), again.templateId(), again.explanation());
    PriceList.Estimate estimate =
        catalog
            .size(order.getSizeCode())
            .map(size -> estimate(again.choice().providerId(), size, 1))
            .orElse(null);
    order.estimated(estimate == null ? null : estimate.eurPerMonth());
    order.approved(caller.user().map(u -> u.subject()).orElse("?"), clock.instant());
    audit.success(
        AuditAction.ORDER_APPROVED,
        tenantId,
        "order " + orderId,
        "at " + again.choice().providerName());
  }

  /**
   * Ends the orders that waited longer than {@code maxWait} for an approval (any node; claimed with
   * SKIP LOCKED): their quota is freed like a rejection's, and the requester is told.
   *
   * @return how many expired
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int expireWaiting(java.time.Duration maxWait) {
    java.time.Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> due =
        em.createNativeQuery(
                "SELECT id FROM vm_order WHERE state = 'AWAITING_APPROVAL' AND updated_at <= ?1"
                    + " ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now.minus(maxWait))
            .getResultList();
    long days = Math.max(1, maxWait.toDays());
    for (Number id : due) {
      VmOrder order = em.find(VmOrder.class, id.longValue());
      order.rejected("system", Reason.of("approvalExpired", days), now);
      audit.bySystem(
          AuditAction.ORDER_EXPIRED,
          order.getTenantId(),
          "order " + order.getId(),
          "waited more than " + days + " days");
      List<?> email =
          em.createNativeQuery("SELECT email FROM portal_user WHERE subject = ?1")
              .setParameter(1, order.getRequestedBy())
              .getResultList();
      if (!email.isEmpty() && email.get(0) != null) {
        mailer.send(
            new eu.federa.mail.OutgoingMail(
                order.getTenantId(),
                (String) email.get(0),
                "Your order \"" + order.getName() + "\" expired without approval",
                "Your order \""
                    + order.getName()
                    + "\" waited more than "
                    + days
                    + " days for an administrator of your organisation to approve it, so it"
                    + " was cancelled and its quota freed. Nothing was created and nothing is"
                    + " charged. Order it again if you still need it."));
      }
    }
    return due.size();
  }

  /** Rejects a waiting order: its quota and capacity are freed, nothing is deployed. */
  @Transactional
  public void reject(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.APPROVE_ORDERS);
    VmOrder order = waiting(tenantId, orderId);
    String by = caller.user().map(u -> u.displayName()).orElse("?");
    order.rejected(
        caller.user().map(u -> u.subject()).orElse("?"),
        Reason.of("rejected", by),
        clock.instant());
    audit.success(AuditAction.ORDER_REJECTED, tenantId, "order " + orderId, null);
  }

  private VmOrder waiting(long tenantId, long orderId) {
    VmOrder order = find(tenantId, orderId, true);
    if (order.getState() != OrderState.AWAITING_APPROVAL) {
      throw new ConflictException("approval.error.decided");
    }
    return order;
  }

  @Transactional
  public Optional<Long> existingOrder(long tenantId, String idempotencyKey) {
    return em.createQuery(
            "select o.id from VmOrder o where o.tenantId = :t and o.idempotencyKey = :k",
            Long.class)
        .setParameter("t", tenantId)
        .setParameter("k", idempotencyKey)
        .getResultStream()
        .findFirst();
  }

  /** The tenant's orders, newest first, a page at a time (any member). */
  @Transactional
  public List<OrderView> orders(long tenantId, int first, int max) {
    return orders(tenantId, null, first, max);
  }

  /** The tenant's orders of one project (null: all), newest first, a page at a time. */
  @Transactional
  public List<OrderView> orders(long tenantId, Long projectId, int first, int max) {
    access.require(tenantId, TenantPermission.VIEW);
    return em.createQuery(
            "select o from VmOrder o where o.tenantId = :t"
                + " and (:p is null or o.projectId = :p) order by o.createdAt desc, o.id desc",
            VmOrder.class)
        .setParameter("t", tenantId)
        .setParameter("p", projectId)
        .setFirstResult(first)
        .setMaxResults(max)
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
    return em.createQuery(
            "select count(o) from VmOrder o where o.tenantId = :t"
                + " and (:p is null or o.projectId = :p)",
            Long.class)
        .setParameter("t", tenantId)
        .setParameter("p", projectId)
        .getSingleResult();
  }

  /**
   * One order of the tenant (any member).
   *
   * @throws NotFoundException when it is not the tenant's
   */
  @Transactional
  public OrderView order(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return OrderView.of(find(tenantId, orderId, false));
  }

  /** The placement explanation kept with the order. */
  @Transactional
  public Explanations.Kept explanation(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return Explanations.read(find(tenantId, orderId, false).getExplanation());
  }

  /** Powers the VM off (members who may order). */
  public void stop(long tenantId, long orderId) {
    act(tenantId, orderId, OrderState.STOPPING);
  }

  /** Powers a stopped VM on again. */
  public void start(long tenantId, long orderId) {
    act(tenantId, orderId, OrderState.STARTING);
  }

  public void reboot(long tenantId, long orderId) {
    act(tenantId, orderId, OrderState.REBOOTING);
  }

  /** Ends the VM for good; its quota is released once the provider has removed it. */
  public void terminate(long tenantId, long orderId) {
    act(tenantId, orderId, OrderState.TERMINATING);
  }

  /**
   * Resizes a stopped VM: vCPU and memory change, disk and GPUs stay. Checked here by quota
   * (against everything else the tenant holds) and by placement (room on its host, or another host
   * of its provider that has room, claimed for the move), and held at once; the saga then moves it
   * if it must, waits until the provider has moved it, and resizes it (see {@link OrderSaga}). If
   * the provider refuses, the quota and the claim go back and the VM's page says why.
   *
   * @throws InvalidInputException for sizes out of range
   * @throws ConflictException when the VM is not stopped or no host of its provider has room
   * @throws eu.federa.quota.QuotaExceededException when the quota does not allow it
   */
  public void resize(long tenantId, long orderId, int vcpu, long memoryMib) {
    self.reserveResize(tenantId, orderId, vcpu, memoryMib);
    // Sent at once, like the other actions; the saga carries on from the stored state.
    advanceNow(orderId);
  }

  /**
   * Checks a resize, holds its quota and records it for the saga. When the VM's host has no room
   * for the new size, placement chooses another host of the same provider and claims it for the
   * move.
   */
  @Transactional
  public void reserveResize(long tenantId, long orderId, int vcpu, long memoryMib) {
    // Lock first, read after (as placeOnce): the resize's quota check must see every order of the
    // tenant that committed before it got the lock.
    quota.lockTenant(tenantId);
    access.require(tenantId, TenantPermission.ORDER);
    List<FieldError> errors = new java.util.ArrayList<>();
    if (vcpu < 1 || vcpu > 512) {
      errors.add(FieldError.of("vcpu", "catalog.error.range", 1, 512));
    }
    if (memoryMib < 512 || memoryMib > 8L * 1024 * 1024) {
      errors.add(FieldError.of("memory", "catalog.error.range", 1, 8192));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    VmOrder order = find(tenantId, orderId, true);
    if (order.getState() != OrderState.STOPPED) {
      throw new ConflictException("resource.resizeStopped");
    }
    if (vcpu > order.getVcpu() || memoryMib > order.getMemoryMib()) {
      // Growing costs more: a spent budget set to block refuses it like a new order.
      budgets.requireRoom(tenantId);
    }
    quota.change(tenantId, order.ref(), order.usageAt(vcpu, memoryMib));
    Decision.Choice moveTo = null;
    if (!placement.hasRoomOnHost(
        order.getHostId(), vcpu - order.getVcpu(), memoryMib - order.getMemoryMib())) {
      PlacementRequest request = PlacementRequest.of(vcpu, memoryMib, order.getDiskGib());
      if (order.getGpus() > 0) {
        request = request.withGpus(order.getGpus(), order.getGpuClass(), order.getGpuModel());
      }
      Decision decision =
          placement.claim(request.providers(Set.of(order.getProviderId()), Set.of()), order.ref());
      if (!decision.placed()) {
        throw new ConflictException("resource.resizeNoRoom", order.getProviderName());
      }
      moveTo = decision.choices().get(0);
    }
    order.resizing(
        vcpu,
        memoryMib,
        moveTo == null ? null : moveTo.hostId(),
        moveTo == null ? null : moveTo.hostName(),
        clock.instant());
    audit.success(
        AuditAction.ORDER_ACTION,
        tenantId,
        "order " + orderId,
        "RESIZING to "
            + vcpu
            + " vCPU, "
            + memoryMib
            + " MiB"
            + (moveTo == null ? "" : ", moving to " + moveTo.hostName()));
  }

  private void act(long tenantId, long orderId, OrderState transition) {
    self.accept(tenantId, orderId, transition);
    // Sent at once, so that the user sees the provider's answer; the saga watches the result.
    advanceNow(orderId);
  }

  /**
   * Takes the order's next step in this request, as the holder of its claim, unless a step of it is
   * in flight somewhere (then that one carries on).
   */
  private void advanceNow(long orderId) {
    steps
        .claim(orderId, ProvisioningWorker.LEASE)
        .ifPresent(claim -> steps.working(claim, () -> saga.advance(orderId)));
  }

  /** Records the user's action if the order's state allows it. */
  @Transactional
  public void accept(long tenantId, long orderId, OrderState transition) {
    access.require(tenantId, TenantPermission.ORDER);
    VmOrder order = find(tenantId, orderId, true);
    if (!order.allows(transition)) {
      throw new ConflictException("order.error.state", order.getState().name());
    }
    order.acting(transition, clock.instant());
    audit.success(AuditAction.ORDER_ACTION, tenantId, "order " + orderId, transition.name());
  }

  private VmOrder find(long tenantId, long orderId, boolean lock) {
    VmOrder order =
        lock
            ? em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE)
            : em.find(VmOrder.class, orderId);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    return order;
  }

  private boolean projectOfTenant(long projectId, long tenantId) {
    return !em.createNativeQuery("SELECT id FROM project WHERE id = ?1 AND tenant_id = ?2")
        .setParameter(1, projectId)
        .setParameter(2, tenantId)
        .getResultList()
        .isEmpty();
  }

  /** The form's image and size, the request for placement and each offering provider's template. */
  public record Resolved(
      Image image, Size size, PlacementRequest request, Map<Long, Integer> templates) {}

  private Resolved resolve(Membership member, OrderForm form) {
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
    return resolve(member, image, size, form.countries());
  }

  /** Where an image of a size may go for the member's tenant (also for AI services' VMs). */
  public Resolved resolve(Membership member, Image image, Size size, List<String> countries) {
    return resolve(member.getTenant().getResidency().countries(), image, size, countries);
  }

  private Resolved resolve(List<String> residency, Image image, Size size, List<String> countries) {
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
    return new Resolved(image, size, request.providers(templates.keySet(), Set.of()), templates);
  }
}
