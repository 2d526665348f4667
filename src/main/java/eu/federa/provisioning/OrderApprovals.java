package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.billing.BudgetService;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.quota.QuotaReservations;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Approving orders: the tenant's threshold, the queue of orders waiting above it, a tenant admin's
 * decision, and the expiry of orders nobody decided. An AI service waits and is decided as one:
 * approving or rejecting any of its VMs decides all of them.
 */
@ApplicationScoped
public class OrderApprovals {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject CurrentUser caller;
  @Inject QuotaReservations quota;
  @Inject BudgetService budgets;
  @Inject ApprovalPolicy policy;
  @Inject OrderPlacement placing;
  @Inject AuditLog audit;
  @Inject Messages messages;
  @Inject UserAccountService accounts;
  @Inject Clock clock;
  @Inject OrderApprovals self;

  /** The monthly cost above which members' orders wait for approval, or null (any member). */
  @Transactional
  public BigDecimal thresholdOf(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return policy.threshold(tenantId);
  }

  /**
   * Sets or (null) lifts the approval threshold (tenant admins).
   *
   * @throws InvalidInputException for a negative or absurd amount
   */
  @Transactional
  public void setThreshold(long tenantId, BigDecimal eurPerMonth) {
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
        AuditTarget.Word.APPROVAL_THRESHOLD.text(),
        eurPerMonth == null
            ? AuditDetail.THRESHOLD_NONE.text()
            : AuditDetail.THRESHOLD.text(eurPerMonth.toPlainString()));
  }

  /**
   * Orders waiting for a tenant admin, oldest first (tenant admins): each VM order, and each AI
   * service once (by its first VM).
   */
  @Transactional
  public List<OrderView> waiting(long tenantId) {
    return waiting(tenantId, 0, Integer.MAX_VALUE);
  }

  /** A page of the orders waiting for a decision, oldest first. */
  @Transactional
  public List<OrderView> waiting(long tenantId, int first, int max) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.APPROVE_ORDERS);
    return ResultPage.window(
            em.createQuery(
                    "select o from VmOrder o where o.tenantId = :t and o.state = :s"
                        + " and (o.serviceId is null or o.replicaNo = 1) order by o.createdAt, o.id",
                    VmOrder.class)
                .setParameter("t", tenantId)
                .setParameter("s", OrderState.AWAITING_APPROVAL),
            first,
            max)
        .getResultStream()
        .map(OrderView::of)
        .toList();
  }

  /** How many orders wait for a decision (a service's replicas count once). */
  @Transactional
  public long countWaiting(long tenantId) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.APPROVE_ORDERS);
    return em.createQuery(
            "select count(o) from VmOrder o where o.tenantId = :t and o.state = :s"
                + " and (o.serviceId is null or o.replicaNo = 1)",
            Long.class)
        .setParameter("t", tenantId)
        .setParameter("s", OrderState.AWAITING_APPROVAL)
        .getSingleResult();
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
    List<VmOrder> group = waitingGroup(tenantId, orderId);
    budgets.requireRoom(tenantId);
    String provider =
        placing
            .placeAgain(group, Set.of())
            .orElseThrow(() -> new ConflictException("approval.error.noRoom"));
    String by = caller.user().map(u -> u.subject()).orElse("?");
    Instant now = clock.instant();
    for (VmOrder vm : group) {
      vm.approved(by, now);
    }
    audit.success(
        AuditAction.ORDER_APPROVED,
        tenantId,
        target(group),
        AuditDetail.APPROVED_AT.text(provider));
  }

  /** Rejects a waiting order: its quota is freed, nothing is deployed. */
  @Transactional
  public void reject(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.APPROVE_ORDERS);
    List<VmOrder> group = waitingGroup(tenantId, orderId);
    String by = caller.user().map(u -> u.displayName()).orElse("?");
    String subject = caller.user().map(u -> u.subject()).orElse("?");
    for (VmOrder vm : group) {
      vm.rejected(subject, Reason.of("rejected", by), clock.instant());
    }
    audit.success(AuditAction.ORDER_REJECTED, tenantId, target(group), null);
  }

  /**
   * Ends the orders that waited longer than {@code maxWait} for an approval (any node; claimed with
   * SKIP LOCKED): their quota is freed like a rejection's, and the requester is told.
   *
   * @return how many expired
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int expireWaiting(Duration maxWait) {
    Instant now = clock.instant();
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
          AuditTarget.Kind.ORDER.of(order.getId()),
          AuditDetail.EXPIRED_WAITING.text(days));
      if (order.getServiceId() == null || Integer.valueOf(1).equals(order.getReplicaNo())) {
        tellRequester(order, days);
      }
    }
    return due.size();
  }

  private void tellRequester(VmOrder order, long days) {
    UserAccount requester =
        accounts.bySubject(List.of(order.getRequestedBy())).get(order.getRequestedBy());
    if (requester == null || requester.email() == null) {
      return;
    }
    messages.send(
        order.getTenantId(),
        requester.email(),
        MailTemplate.APPROVAL_EXPIRED,
        Map.of("order", order.getName(), "days", days));
  }

  /**
   * The waiting order, locked, with the other waiting VMs of its AI service if it belongs to one.
   *
   * @throws NotFoundException when it is not the tenant's
   * @throws ConflictException when it was decided already
   */
  private List<VmOrder> waitingGroup(long tenantId, long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    if (order.getState() != OrderState.AWAITING_APPROVAL) {
      throw new ConflictException("approval.error.decided");
    }
    if (order.getServiceId() == null) {
      return List.of(order);
    }
    return em.createQuery(
            "select o from VmOrder o where o.serviceId = :s and o.state = :w order by o.replicaNo",
            VmOrder.class)
        .setParameter("s", order.getServiceId())
        .setParameter("w", OrderState.AWAITING_APPROVAL)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  private static String target(List<VmOrder> group) {
    VmOrder first = group.get(0);
    return first.getServiceId() == null
        ? AuditTarget.Kind.ORDER.of(first.getId())
        : AuditTarget.Kind.AI_SERVICE.of(first.getServiceId());
  }
}
