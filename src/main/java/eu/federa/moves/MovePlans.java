package eu.federa.moves;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.i18n.Localized;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.provisioning.OrderMoves;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantPermission;
import eu.federa.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Moving many VMs off one provider: a tenant admin's (all of the organisation's VMs there, or one
 * project's) and a platform admin's evacuation of a provider (every tenant's). A plan comes first:
 * each VM's target as placement would choose them one after the other, the downtime and the price
 * difference, and the VMs that cannot move with the reason. Running it starts a move for each VM
 * that can (each holding its target at once, so a VM that no longer fits says so); the moves run a
 * few at a time off each provider ({@code FEDERA_MOVE_PARALLEL_PER_PROVIDER}), carried by the move
 * worker like any single move.
 */
@ApplicationScoped
public class MovePlans {

  @Inject OrderMoves orders;
  @Inject Moves moves;
  @Inject TenantAccess access;
  @Inject CurrentUser caller;
  @Inject TenantDirectory tenants;
  @Inject UserAccountService accounts;
  @Inject Messages messages;
  @Inject ProviderDirectory providers;
  @Inject AuditLog audit;
  @Inject MovePlans self;

  /**
   * One VM of a plan.
   *
   * @param whyNot null when it moves to {@code toProviderId}; else why it cannot
   */
  public record Item(
      long orderId,
      long tenantId,
      String tenantName,
      String vmName,
      Long toProviderId,
      String toProviderName,
      String toCountry,
      BigDecimal eurPerMonthBefore,
      BigDecimal eurPerMonthAfter,
      BigDecimal differenceEurPerMonth,
      long downtimeSeconds,
      Reason whyNot)
      implements java.io.Serializable {

    public boolean movable() {
      return whyNot == null;
    }
  }

  /**
   * A plan over the VMs on one provider.
   *
   * @param downtimeSeconds the VMs' downtimes added up (they do not all stop at once)
   * @param differenceEurPerMonth what the movable VMs cost more (less, negative) per month after
   */
  public record Plan(
      long providerId,
      String providerName,
      Long projectId,
      List<Item> items,
      int movable,
      long downtimeSeconds,
      BigDecimal differenceEurPerMonth)
      implements java.io.Serializable {}

  /** What running a plan did for one VM: its move, or why none was started. */
  public record Started(long orderId, String vmName, Long moveId, Reason whyNot)
      implements java.io.Serializable {}

  /**
   * The plan of moving the tenant's VMs (or one project's) off a provider (tenant admins).
   *
   * @throws NotFoundException when the provider or the project is unknown to the tenant
   */
  @Transactional
  public Plan planTenant(long tenantId, long providerId, Long projectId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    if (projectId != null && !tenants.isProjectOf(projectId, tenantId)) {
      throw new NotFoundException("project", projectId);
    }
    return plan(providerId, tenantId, projectId);
  }

  /** The plan of evacuating a provider: every tenant's VMs on it (platform admins). */
  @Transactional
  public Plan planEvacuation(long providerId) {
    caller.requirePlatformAdmin();
    return plan(providerId, null, null);
  }

  private Plan plan(long providerId, Long tenantId, Long projectId) {
    ProviderDirectory.ProviderCard card = providers.byIds(List.of(providerId)).get(providerId);
    if (card == null) {
      throw new NotFoundException("provider", providerId);
    }
    List<OrderMoves.Planned> planned = orders.planOff(providerId, tenantId, projectId);
    Map<Long, String> names =
        tenants.names(planned.stream().map(p -> p.source().tenantId()).collect(Collectors.toSet()));
    List<Item> items = new ArrayList<>(planned.size());
    int movable = 0;
    long downtime = 0;
    BigDecimal difference = BigDecimal.ZERO;
    for (OrderMoves.Planned p : planned) {
      OrderMoves.Source s = p.source();
      OrderMoves.Target t = p.whyNot() == null ? p.target() : null;
      long seconds = Moves.downtimeSeconds(s.diskGib() + p.volumeGib());
      items.add(
          new Item(
              s.orderId(),
              s.tenantId(),
              names.get(s.tenantId()),
              s.name(),
              t == null ? null : t.providerId(),
              t == null ? null : t.providerName(),
              t == null ? null : t.countryCode(),
              s.eurPerMonth(),
              t == null ? null : t.eurPerMonth(),
              t == null ? null : t.differenceEurPerMonth(),
              t == null ? 0 : seconds,
              p.whyNot()));
      if (t != null) {
        movable++;
        downtime += seconds;
        if (t.differenceEurPerMonth() != null) {
          difference = difference.add(t.differenceEurPerMonth());
        }
      }
    }
    return new Plan(providerId, card.name(), projectId, items, movable, downtime, difference);
  }

  /**
   * Plans again and starts a move for every VM that can move (tenant admins).
   *
   * @param linkBase the portal's address, from which the targets download the disks
   */
  public List<Started> runTenant(long tenantId, long providerId, Long projectId, String linkBase) {
    Plan plan = self.planTenant(tenantId, providerId, projectId);
    return run(plan, linkBase, false);
  }

  /**
   * Plans again and starts moving every VM off the provider that can move (platform admins); each
   * tenant concerned is told by e-mail what moves and what cannot.
   */
  public List<Started> runEvacuation(long providerId, String linkBase) {
    Plan plan = self.planEvacuation(providerId);
    List<Started> started = run(plan, linkBase, true);
    self.tell(plan, started);
    return started;
  }

  private List<Started> run(Plan plan, String linkBase, boolean asPlatform) {
    List<Started> started = new ArrayList<>();
    for (Item item : plan.items()) {
      if (!item.movable()) {
        started.add(new Started(item.orderId(), item.vmName(), null, item.whyNot()));
        continue;
      }
      try {
        long move =
            moves.start(
                item.tenantId(), item.orderId(), item.toProviderId(), linkBase, asPlatform, null);
        started.add(new Started(item.orderId(), item.vmName(), move, null));
      } catch (ConflictException refused) {
        started.add(
            new Started(
                item.orderId(),
                item.vmName(),
                null,
                Reason.keyed(refused.messageKey(), refused.arguments())));
      } catch (NotFoundException gone) {
        started.add(
            new Started(item.orderId(), item.vmName(), null, Reason.keyed("move.why.gone")));
      }
    }
    return started;
  }

  /** Each tenant concerned by an evacuation is told: its admins, by e-mail, and its audit log. */
  @Transactional
  public void tell(Plan plan, List<Started> started) {
    Map<Long, Long> orderTenant = new LinkedHashMap<>();
    plan.items().forEach(i -> orderTenant.put(i.orderId(), i.tenantId()));
    Map<Long, List<Started>> byTenant = new LinkedHashMap<>();
    for (Started s : started) {
      byTenant.computeIfAbsent(orderTenant.get(s.orderId()), t -> new ArrayList<>()).add(s);
    }
    Map<Long, String> names = tenants.names(byTenant.keySet());
    for (Map.Entry<Long, List<Started>> e : byTenant.entrySet()) {
      long tenantId = e.getKey();
      long moving = e.getValue().stream().filter(s -> s.moveId() != null).count();
      List<Started> staying =
          e.getValue().stream()
              .filter(s -> s.moveId() == null)
              .sorted(Comparator.comparing(Started::vmName))
              .toList();
      // Each VM that stays, with why, in the reader's language.
      Localized whyStaying =
          formats ->
              staying.isEmpty()
                  ? "-"
                  : staying.stream()
                      .map(s -> s.vmName() + " (" + s.whyNot().in(formats) + ")")
                      .collect(Collectors.joining("; "));
      audit.success(
          AuditAction.MOVE_STARTED,
          tenantId,
          AuditTarget.Kind.PROVIDER.of(plan.providerId()),
          AuditDetail.EVACUATION.text(plan.providerName(), moving, staying.size()));
      List<String> admins =
          tenants.members(tenantId).entrySet().stream()
              .filter(m -> m.getValue() == TenantRole.TENANT_ADMIN)
              .map(Map.Entry::getKey)
              .toList();
      for (UserAccount admin : accounts.bySubject(admins).values()) {
        if (admin.email() != null) {
          messages.send(
              tenantId,
              admin.email(),
              MailTemplate.PROVIDER_EVACUATION,
              Map.of(
                  "tenant", names.getOrDefault(tenantId, "?"),
                  "provider", plan.providerName(),
                  "moving", moving,
                  "staying", staying.size(),
                  "reasons", whyStaying));
        }
      }
    }
  }
}
