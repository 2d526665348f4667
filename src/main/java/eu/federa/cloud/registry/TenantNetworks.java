package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudException;
import eu.federa.cloud.SecurityGroup;
import eu.federa.cloud.SecurityGroupRule;
import eu.federa.cloud.Template;
import eu.federa.cloud.VirtualNetwork;
import eu.federa.cloud.VmShape.Nic;
import eu.federa.cloud.opennebula.Acl;
import eu.federa.cloud.opennebula.Acl.Resource;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's network side at each provider: for each of the provider's networks its templates
 * connect VMs to, a reservation of addresses taken from it for the tenant alone ({@code
 * one.vn.reserve}), and one security group holding the tenant's firewall rules, given to every NIC.
 * Both are created by the tenant's agent user, so they belong to the tenant's user at the provider
 * and no other tenant can see or use them.
 *
 * <p>Like the tenant's account ({@link TenantAccounts}), each is recorded first and searched for by
 * name at the provider before it is created, so a retry or a racing node adopts what is there. A
 * change of the rules is marked on every provider's copy ({@link #rulesChanged}) in the transaction
 * that made it, and applied by whichever node claims it ({@link #claimOutdated}, {@link #apply});
 * OpenNebula then updates the firewall of the VMs already running.
 */
@ApplicationScoped
public class TenantNetworks {

  /** How often a provider's copy of the rules is written again, in case it was changed there. */
  static final Duration REASSERT_EVERY = Duration.ofHours(1);

  /** How long a failed apply waits before it is tried again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  /** OpenNebula's answer when a reservation asks for more addresses than are free. */
  private static final String NOT_ENOUGH = "Not enough free addresses";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject SyncWork work;
  @Inject ProviderClients clients;
  @Inject TenantAccounts accounts;
  @Inject ProviderDirectory directory;
  @Inject Clock clock;
  @Inject TenantNetworks self;

  /** The rules as they are to be at the provider, and their revision. */
  public record Rules(long revision, List<SecurityGroupRule> rules) {}

  /**
   * A provider's copy of the rules, claimed by this node ({@code token}) for a lease.
   *
   * @param behind whether it holds an older revision (else it is only due to be checked)
   */
  public record OutdatedCopy(
      long providerId, long tenantId, int securityGroupId, String token, boolean behind) {}

  /** What the tenant sees of one provider's copy of its rules (kept in the page's view state). */
  public record CopyStatus(
      long providerId,
      String providerName,
      long wantedRevision,
      long appliedRevision,
      Instant appliedAt,
      String lastError,
      List<Integer> networks)
      implements java.io.Serializable {

    public boolean current() {
      return appliedRevision >= wantedRevision && lastError == null;
    }

    /** The networks' ids at the provider, as a reader lists them ("2, 5"). */
    public String networkIds() {
      return networks.stream()
          .map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(", "));
    }
  }

  /**
   * The NICs a VM of the tenant gets from one of the provider's templates: each NIC of the template
   * is put on the tenant's reservation of the network it names (reserved the first time), with the
   * tenant's security group (created with {@code rules} the first time). A template without NICs
   * gives none. The tenant's account must be prepared and allowed to use the template ({@link
   * TenantAccounts#grantUse}).
   *
   * @throws NetworkFullException when a network has no addresses left for a new reservation
   * @throws TemplateUnusableException when the template or a network it names is gone
   * @throws CloudException when the provider cannot be reached or refuses
   */
  public List<Nic> nicsFor(long providerId, long tenantId, int templateId, Rules rules) {
    return nicsFor(providerId, tenantId, templateId, rules, null);
  }

  /**
   * {@link #nicsFor(long, long, int, Rules)} and, for the VM of order {@code publicFor} (null:
   * none), one more NIC on its own public address: a reservation of one address of the provider's
   * network of public addresses, behind the same group, given back when the VM ends ({@link
   * #releasePublicAddress}). The organisation's group is allowed to use that network.
   *
   * @throws PublicNetworkMissingException when the provider names no such network, or it is gone
   */
  public List<Nic> nicsFor(
      long providerId, long tenantId, int templateId, Rules rules, Long publicFor) {
    boolean publicAddress = publicFor != null;
    OpenNebulaClient admin = clients.clientFor(connection(providerId));
    Template template;
    try {
      template = admin.template(templateId);
    } catch (CloudApiException.NotFound gone) {
      throw new TemplateUnusableException(templateId, "template " + templateId);
    }
    if (template.nics().isEmpty() && !publicAddress) {
      return List.of();
    }
    int securityGroupId = securityGroup(providerId, tenantId, rules);
    List<VirtualNetwork> networks = admin.networkPool(-2, -1, -1);
    List<Nic> nics = new ArrayList<>();
    for (Map<String, String> nic : template.nics()) {
      Integer parentId = TenantAccounts.networkOf(templateId, nic, networks);
      if (parentId == null) {
        // A NIC that names no network (OpenNebula's automatic choice) cannot be given a
        // reservation of the organisation's own.
        throw new TemplateUnusableException(templateId, "the network of NIC " + (nics.size() + 1));
      }
      nics.add(
          new Nic(reservation(providerId, tenantId, parentId, securityGroupId), securityGroupId));
    }
    if (publicAddress) {
      // A public address is reserved for the VM alone, for the same reason as the others: a NIC
      // on the provider's network itself would carry that network's groups, OpenNebula's
      // allow-all default among them, and the firewall would not hold. It is the VM's own (not
      // the organisation's), so that it goes back to the provider when the VM ends, and no other
      // VM's deployment can be relying on it then.
      int publicNetwork = publicNetwork(providerId, networks);
      int groupId = accounts.prepare(providerId, tenantId).groupId();
      TenantAccounts.grant(admin, Acl.use(groupId, Resource.NET, publicNetwork));
      nics.add(
          new Nic(
              publicReservation(providerId, tenantId, publicNetwork, securityGroupId, publicFor),
              securityGroupId));
    }
    return nics;
  }

  /** The name of the reservation holding the public address of order {@code orderId}'s VM. */
  public static String publicReservationName(long orderId) {
    return "federa-order-" + orderId + "-public";
  }

  /**
   * The reservation of one public address for the order's VM: made once, and found by its name when
   * a step is repeated.
   */
  private int publicReservation(
      long providerId, long tenantId, int parentId, int securityGroupId, long orderId) {
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    String name = publicReservationName(orderId);
    Optional<VirtualNetwork> earlier = ownNetwork(agent, name);
    int id = earlier.isPresent() ? earlier.get().id() : reserve(agent, parentId, 1, "NAME", name);
    agent.updateNetwork(id, "SECURITY_GROUPS = \"" + securityGroupId + "\"\n", true);
    return id;
  }

  /**
   * Gives the public address of the order's VM back to the provider: its reservation is deleted,
   * and OpenNebula returns the address to the public network. Answers whether nothing is left:
   * false while the VM still holds the address (it is not gone yet), for the caller to try again.
   *
   * @throws CloudException when the provider cannot be reached
   */
  public boolean releasePublicAddress(long providerId, long tenantId, long orderId) {
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    Optional<VirtualNetwork> reservation = ownNetwork(agent, publicReservationName(orderId));
    if (reservation.isEmpty()) {
      return true;
    }
    try {
      agent.deleteNetwork(reservation.get().id());
      return true;
    } catch (CloudApiException.NotFound gone) {
      return true;
    } catch (CloudApiException.WrongState inUse) {
      // "leases in use", or already being deleted: looked at again later
      return false;
    }
  }

  private static Optional<VirtualNetwork> ownNetwork(OpenNebulaClient agent, String name) {
    return agent.networkPool(-3, -1, -1).stream().filter(n -> name.equals(n.name())).findFirst();
  }

  /** The provider's network of public addresses, as its settings name it. */
  private int publicNetwork(long providerId, List<VirtualNetwork> networks) {
    Provider provider = em.find(Provider.class, providerId);
    String name = provider == null ? null : provider.getPublicNetwork();
    if (name == null) {
      throw new PublicNetworkMissingException("");
    }
    return networks.stream()
        .filter(n -> name.equals(n.name()) && !n.reservation())
        .mapToInt(VirtualNetwork::id)
        .findFirst()
        .orElseThrow(() -> new PublicNetworkMissingException(name));
  }

  /** The tenant's security group at the provider, created with the rules the first time. */
  int securityGroup(long providerId, long tenantId, Rules rules) {
    String name = "federa-tenant-" + tenantId + "-firewall";
    Integer recorded = self.recordGroup(providerId, tenantId, name, rules.revision());
    if (recorded != null) {
      return recorded;
    }
    TenantAccounts.TenantAccount account = accounts.prepare(providerId, tenantId);
    OpenNebulaClient admin = clients.clientFor(connection(providerId));
    TenantAccounts.grant(admin, Acl.create(account.groupId(), Set.of(Resource.SECGROUP)));
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    String text = groupText(name, rules.rules());
    Optional<SecurityGroup> earlier =
        agent.securityGroupPool(-3, -1, -1).stream().filter(g -> name.equals(g.name())).findFirst();
    int id;
    if (earlier.isPresent()) {
      id = earlier.get().id();
      agent.updateSecurityGroup(id, text, false);
    } else {
      try {
        id = agent.allocateSecurityGroup(text);
      } catch (CloudApiException taken) {
        // Another node's step for the same organisation made it meanwhile (the provider keeps
        // names unique: "NAME is already taken"): that one is the organisation's group.
        id =
            agent.securityGroupPool(-3, -1, -1).stream()
                .filter(g -> name.equals(g.name()))
                .mapToInt(SecurityGroup::id)
                .findFirst()
                .orElseThrow(() -> taken);
      }
    }
    self.groupCreated(providerId, tenantId, id, rules.revision());
    return id;
  }

  /**
   * Records the tenant's security group at the provider the first time (committed before any
   * provider call) and answers its id once it exists there.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Integer recordGroup(long providerId, long tenantId, String name, long revision) {
    Instant now = clock.instant();
    em.createNativeQuery(
            "INSERT IGNORE INTO provider_tenant_secgroup (provider_id, tenant_id, name,"
                + " wanted_revision, next_try_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .setParameter(3, name)
        .setParameter(4, revision)
        .setParameter(5, now)
        .executeUpdate();
    return Row.first(
            em.createNativeQuery(
                    "SELECT one_secgroup_id FROM provider_tenant_secgroup WHERE provider_id = ?1"
                        + " AND tenant_id = ?2")
                .setParameter(1, providerId)
                .setParameter(2, tenantId))
        .orElseThrow(() -> new NotFoundException("tenant", tenantId))
        .intOrNull(0);
  }

  /** The group exists at the provider, holding the rules of {@code revision}. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void groupCreated(long providerId, long tenantId, int securityGroupId, long revision) {
    em.createNativeQuery(
            "UPDATE provider_tenant_secgroup SET one_secgroup_id = ?1,"
                + " applied_revision = GREATEST(applied_revision, ?2), applied_at = ?3"
                + " WHERE provider_id = ?4 AND tenant_id = ?5")
        .setParameter(1, securityGroupId)
        .setParameter(2, revision)
        .setParameter(3, clock.instant())
        .setParameter(4, providerId)
        .setParameter(5, tenantId)
        .executeUpdate();
  }

  /** The tenant's reservation of the provider's network {@code parentId}, made the first time. */
  int reservation(long providerId, long tenantId, int parentId, int securityGroupId) {
    return reservation(
        providerId, tenantId, parentId, securityGroupId, Setting.TENANT_NETWORK_SIZE.intValue());
  }

  /**
   * The tenant's reservation of {@code parentId}, made (and grown when full) {@code block}
   * addresses at a time.
   */
  int reservation(long providerId, long tenantId, int parentId, int securityGroupId, int block) {
    String name = "federa-tenant-" + tenantId + "-net-" + parentId;
    Integer recorded = self.recordReservation(providerId, tenantId, parentId, name);
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    if (recorded != null) {
      growIfFull(agent, parentId, recorded, block);
      return recorded;
    }
    Optional<VirtualNetwork> earlier =
        agent.networkPool(-3, -1, -1).stream()
            .filter(n -> name.equals(n.name()) && n.parentId() == parentId)
            .findFirst();
    int id =
        earlier.isPresent() ? earlier.get().id() : reserve(agent, parentId, block, "NAME", name);
    // A reservation copies its network's security groups, and OpenNebula adds its default group
    // (which lets everything in): the tenant's group is to be the only one.
    agent.updateNetwork(id, "SECURITY_GROUPS = \"" + securityGroupId + "\"\n", true);
    self.reserved(providerId, tenantId, parentId, id);
    return id;
  }

  /** Adds a block of addresses to the tenant's reservation when none is free. */
  private void growIfFull(OpenNebulaClient agent, int parentId, int reservationId, int block) {
    if (agent.network(reservationId).freeLeases() == 0) {
      reserve(agent, parentId, block, "NETWORK_ID", Integer.toString(reservationId));
    }
  }

  private static int reserve(
      OpenNebulaClient agent, int parentId, int block, String key, String value) {
    String template = "SIZE = \"" + block + "\"\n" + key + " = \"" + value + "\"\n";
    try {
      return agent.reserveNetwork(parentId, template);
    } catch (CloudApiException.WrongState refused) {
      if (refused.getMessage() != null && refused.getMessage().contains(NOT_ENOUGH)) {
        throw new NetworkFullException(parentId, refused.getMessage());
      }
      throw refused;
    }
  }

  /** Records the reservation's row the first time; answers the reservation once it is made. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Integer recordReservation(long providerId, long tenantId, int parentId, String name) {
    em.createNativeQuery(
            "INSERT IGNORE INTO provider_tenant_network (provider_id, tenant_id, parent_vnet_id,"
                + " name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .setParameter(3, parentId)
        .setParameter(4, name)
        .setParameter(5, clock.instant())
        .executeUpdate();
    return Row.first(
            em.createNativeQuery(
                    "SELECT one_vnet_id FROM provider_tenant_network WHERE provider_id = ?1"
                        + " AND tenant_id = ?2 AND parent_vnet_id = ?3")
                .setParameter(1, providerId)
                .setParameter(2, tenantId)
                .setParameter(3, parentId))
        .orElseThrow(() -> new NotFoundException("tenant", tenantId))
        .intOrNull(0);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void reserved(long providerId, long tenantId, int parentId, int reservationId) {
    em.createNativeQuery(
            "UPDATE provider_tenant_network SET one_vnet_id = ?1 WHERE provider_id = ?2"
                + " AND tenant_id = ?3 AND parent_vnet_id = ?4")
        .setParameter(1, reservationId)
        .setParameter(2, providerId)
        .setParameter(3, tenantId)
        .setParameter(4, parentId)
        .executeUpdate();
  }

  /**
   * The tenant's rules changed to {@code revision}: every provider's copy is to be brought up to
   * it. Called in the transaction that changed them, so no change is ever left unapplied.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void rulesChanged(long tenantId, long revision) {
    em.createNativeQuery(
            "UPDATE provider_tenant_secgroup SET wanted_revision = GREATEST(wanted_revision, ?1),"
                + " next_try_at = ?2 WHERE tenant_id = ?3")
        .setParameter(1, revision)
        .setParameter(2, clock.instant())
        .setParameter(3, tenantId)
        .executeUpdate();
  }

  /**
   * Takes up to {@code max} providers' copies that are behind the rules (or not written for {@link
   * #REASSERT_EVERY}), skipping those another node holds; each is leased to this node for {@code
   * lease}, longer than one provider call may take.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<OutdatedCopy> claimOutdated(int max, Duration lease) {
    Instant now = clock.instant();
    List<Row> due =
        Row.all(
            em.createNativeQuery(
                    "SELECT provider_id, tenant_id, one_secgroup_id,"
                        + " applied_revision < wanted_revision OR last_error IS NOT NULL"
                        + " FROM provider_tenant_secgroup"
                        + " WHERE one_secgroup_id IS NOT NULL AND next_try_at <= ?1"
                        + " AND (sync_lease_until IS NULL OR sync_lease_until <= ?1)"
                        + " AND (applied_revision < wanted_revision OR last_error IS NOT NULL"
                        + " OR applied_at IS NULL OR applied_at <= ?2)"
                        + " ORDER BY next_try_at LIMIT ?3 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now)
                .setParameter(2, now.minus(REASSERT_EVERY))
                .setParameter(3, max));
    List<OutdatedCopy> claimed = new ArrayList<>();
    for (Row r : due) {
      String token = UUID.randomUUID().toString();
      em.createNativeQuery(
              "UPDATE provider_tenant_secgroup SET sync_claim = ?1, sync_lease_until = ?2"
                  + " WHERE provider_id = ?3 AND tenant_id = ?4")
          .setParameter(1, token)
          .setParameter(2, now.plus(lease))
          .setParameter(3, r.lng(0))
          .setParameter(4, r.lng(1))
          .executeUpdate();
      claimed.add(new OutdatedCopy(r.lng(0), r.lng(1), r.integer(2), token, r.bool(3)));
    }
    return claimed;
  }

  /**
   * Writes the rules into the provider's copy (replacing what it holds; OpenNebula then updates the
   * running VMs' firewalls) and records the revision, or the provider's refusal and when to try
   * again. Never throws for a provider's failure.
   */
  public void apply(OutdatedCopy copy, Rules rules) {
    try {
      OpenNebulaClient agent = accounts.agent(copy.providerId(), copy.tenantId());
      // A copy only due to be checked is written only when it was changed at the provider:
      // every write makes OpenNebula update the firewall of each VM using the group.
      if (copy.behind() || !holds(agent.securityGroup(copy.securityGroupId()), rules)) {
        agent.updateSecurityGroup(
            copy.securityGroupId(),
            groupText("federa-tenant-" + copy.tenantId() + "-firewall", rules.rules()),
            false);
      }
      self.applied(copy, rules.revision(), null);
    } catch (CloudException | NotFoundException e) {
      self.applied(copy, -1, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Ends the claim: the revision now at the provider, or the error (and the next try). A claim
   * another node took over meanwhile writes nothing: that node's write is the one that counts.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void applied(OutdatedCopy copy, long revision, String error) {
    Instant now = clock.instant();
    if (error == null) {
      em.createNativeQuery(
              "UPDATE provider_tenant_secgroup SET applied_revision = GREATEST(applied_revision,"
                  + " ?1), applied_at = ?2, last_error = NULL, sync_claim = NULL,"
                  + " sync_lease_until = NULL WHERE provider_id = ?3 AND tenant_id = ?4"
                  + " AND sync_claim = ?5")
          .setParameter(1, revision)
          .setParameter(2, now)
          .setParameter(3, copy.providerId())
          .setParameter(4, copy.tenantId())
          .setParameter(5, copy.token())
          .executeUpdate();
    } else {
      em.createNativeQuery(
              "UPDATE provider_tenant_secgroup SET last_error = ?1, next_try_at = ?2,"
                  + " sync_claim = NULL, sync_lease_until = NULL WHERE provider_id = ?3"
                  + " AND tenant_id = ?4 AND sync_claim = ?5")
          .setParameter(1, error.length() > 500 ? error.substring(0, 500) : error)
          .setParameter(2, now.plus(RETRY_AFTER))
          .setParameter(3, copy.providerId())
          .setParameter(4, copy.tenantId())
          .setParameter(5, copy.token())
          .executeUpdate();
    }
  }

  /** Each provider's copy of the tenant's rules, with the tenant's networks there. */
  @Transactional
  public List<CopyStatus> status(long tenantId) {
    Map<Long, ProviderDirectory.ProviderCard> cards = directory.all();
    List<CopyStatus> copies = new ArrayList<>();
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT provider_id, wanted_revision, applied_revision, applied_at, last_error"
                        + " FROM provider_tenant_secgroup WHERE tenant_id = ?1"
                        + " ORDER BY provider_id")
                .setParameter(1, tenantId))) {
      @SuppressWarnings("unchecked")
      List<Number> networks =
          em.createNativeQuery(
                  "SELECT one_vnet_id FROM provider_tenant_network WHERE provider_id = ?1"
                      + " AND tenant_id = ?2 AND one_vnet_id IS NOT NULL ORDER BY one_vnet_id")
              .setParameter(1, r.lng(0))
              .setParameter(2, tenantId)
              .getResultList();
      copies.add(
          new CopyStatus(
              r.lng(0),
              cards.containsKey(r.lng(0)) ? cards.get(r.lng(0)).name() : "provider " + r.lng(0),
              r.lng(1),
              r.lng(2),
              r.isNull(3) ? null : r.instant(3),
              r.str(4),
              networks.stream().map(Number::intValue).toList()));
    }
    return copies;
  }

  /** Whether the provider's group holds exactly the rules (and everything outbound). */
  static boolean holds(SecurityGroup atProvider, Rules rules) {
    Set<SecurityGroupRule> wanted = new HashSet<>(rules.rules());
    wanted.add(SecurityGroupRule.allOutbound());
    return new HashSet<>(atProvider.rules()).equals(wanted)
        && atProvider.rules().size() == wanted.size();
  }

  /** The group's template: its name, the inbound rules, and everything outbound. */
  static String groupText(String name, List<SecurityGroupRule> rules) {
    StringBuilder t = new StringBuilder("NAME = \"").append(name).append("\"\n");
    rules.forEach(r -> t.append(r.templateText()));
    t.append(SecurityGroupRule.allOutbound().templateText());
    return t.toString();
  }

  private ProviderConnection connection(long providerId) {
    ProviderConnection connection = work.connection(providerId);
    if (connection == null) {
      throw new ProviderNotFoundException(providerId);
    }
    return connection;
  }
}
