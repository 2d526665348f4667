package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.billing.BudgetService;
import eu.federa.billing.PriceList;
import eu.federa.billing.PriceService;
import eu.federa.placement.Decision;
import eu.federa.placement.PlacementRequest;
import eu.federa.placement.PlacementService;
import eu.federa.platform.i18n.Money;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.quota.QuotaReservations;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resizing a stopped VM: vCPU and memory change, disk and GPUs stay. Held like an order (tenant
 * lock first, budget, approval threshold, quota, capacity, audit), then carried out by the saga:
 * moved to another host of its provider if its own has no room, and resized there (see {@link
 * OrderSaga}). If the provider refuses, the quota and the claim go back and the VM's page says why.
 */
@ApplicationScoped
public class Resizes {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject QuotaReservations quota;
  @Inject BudgetService budgets;
  @Inject ApprovalPolicy approvals;
  @Inject PriceService prices;
  @Inject PlacementService placement;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject VmActions actions;
  @Inject Resizes self;

  /**
   * Resizes a stopped VM and sends it to the provider at once.
   *
   * @throws InvalidInputException for sizes out of range
   * @throws ConflictException when the VM is not stopped, no host of its provider has room, or a
   *     member asks for more than the tenant's approval threshold
   * @throws eu.federa.quota.QuotaExceededException when the quota does not allow it
   * @throws eu.federa.billing.BudgetExhaustedException when it grows while a blocking budget is
   *     spent
   */
  public void resize(long tenantId, long orderId, int vcpu, long memoryMib) {
    PlacementRetries.placeRetrying(
        () -> {
          self.reserve(tenantId, orderId, vcpu, memoryMib);
          return orderId;
        },
        Optional::empty);
    actions.advanceNow(orderId);
  }

  /**
   * Checks a resize, holds its quota and records it for the saga. When the VM's host has no room
   * for the new size, placement chooses another host of the same provider and claims it for the
   * move.
   */
  @Transactional
  public void reserve(long tenantId, long orderId, int vcpu, long memoryMib) {
    // Lock first, read after (as an order's placement): the quota and budget checks must see every
    // order of the tenant that committed before this one got the lock.
    quota.lockTenant(tenantId);
    Membership member = access.require(tenantId, TenantPermission.ORDER);
    List<FieldError> errors = new ArrayList<>();
    if (vcpu < 1 || vcpu > 512) {
      errors.add(FieldError.of("vcpu", "catalog.error.range", 1, 512));
    }
    if (memoryMib < 512 || memoryMib > 8L * 1024 * 1024) {
      errors.add(FieldError.of("memory", "catalog.error.range", 1, 8192));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    if (order.getState() != OrderState.STOPPED) {
      throw new ConflictException("resource.resizeStopped");
    }
    if (vcpu > order.getVcpu() || memoryMib > order.getMemoryMib()) {
      // Growing costs more: a spent budget set to block refuses it like a new order, and a member
      // may not grow it past the tenant's approval threshold (issue #14, defect 1).
      budgets.requireRoom(tenantId);
      BigDecimal eurPerMonth =
          prices
              .estimate(
                  order.getProviderId(),
                  vcpu,
                  memoryMib,
                  order.getDiskGib(),
                  order.getGpus(),
                  order.getGpuModel())
              .map(PriceList.Estimate::eurPerMonth)
              .orElse(null);
      if (approvals.needed(member, eurPerMonth)) {
        throw new ConflictException(
            "resource.resizeNeedsApproval", new Money(approvals.threshold(tenantId)));
      }
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
        AuditTarget.Kind.ORDER.of(orderId),
        moveTo == null
            ? AuditDetail.RESIZING.text(vcpu, memoryMib)
            : AuditDetail.RESIZING_MOVING.text(vcpu, memoryMib, moveTo.hostName()));
  }
}
