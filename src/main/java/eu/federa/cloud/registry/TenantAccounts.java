package eu.federa.cloud.registry;

import eu.federa.cloud.CloudAccount;
import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.Image;
import eu.federa.cloud.Template;
import eu.federa.cloud.VirtualNetwork;
import eu.federa.cloud.opennebula.Acl;
import eu.federa.cloud.opennebula.Acl.Resource;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A tenant's side at each provider: an OpenNebula group for the tenant and a user of that group
 * that Federa acts as, with exactly the rights the tenant's workloads need. OpenNebula gives a new
 * group no rights (its {@code onegroup create} adds them separately), so Federa adds one ACL rule
 * letting the group create VMs and the templates that instantiating with extra attributes makes;
 * and, the first time the tenant instantiates a template, USE of that template and of the images
 * and networks it refers to ({@link #grantUse}).
 *
 * <p>Prepared lazily, the first time the tenant's workload goes to a provider, and never twice: the
 * account's row and its secret are committed first (the tenant's row lock held only for that
 * insert, never during a provider call), then OpenNebula is searched by name before anything is
 * allocated, so a retry after a crash, or a racing node, adopts what is there. An adopted user gets
 * the recorded password again, since the attempt that created it may have died before recording it.
 * Users never see these credentials. Called by provisioning.
 */
@ApplicationScoped
public class TenantAccounts {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a tenant's group may create: VMs, and the template an instantiation's extras make. */
  static final Set<Resource> CREATES = Set.of(Resource.VM, Resource.TEMPLATE);

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject ProviderDirectory directory;

  @Inject SyncWork work;
  @Inject ProviderClients clients;
  @Inject Clock clock;
  @Inject Secrets secrets;
  @Inject TenantAccounts self;

  /** The tenant's account at a provider, as provisioning will use it. */
  public record TenantAccount(
      long providerId, long tenantId, int groupId, int userId, String userName) {}

  /**
   * Returns the tenant's group and user at the provider, creating them (with their rights) on first
   * use.
   *
   * @throws ProviderNotFoundException for an unknown provider
   * @throws NotFoundException for an unknown tenant
   * @throws eu.federa.cloud.CloudException when the provider cannot be reached or refuses; nothing
   *     is recorded and the next call tries again
   */
  public TenantAccount prepare(long providerId, long tenantId) {
    ProviderConnection connection = connection(providerId);
    String group = "federa-tenant-" + tenantId;
    String user = group + "-agent";
    Recorded recorded = self.record(providerId, tenantId, group, user);
    if (recorded.account() != null) {
      return recorded.account();
    }
    // The provider calls hold no lock: the secret was committed above, before any call, so every
    // attempt (a retry after a crash, a racing node) gives the provider the same password, and
    // each step adopts what an earlier or concurrent attempt created.
    OpenNebulaClient client = clients.clientFor(connection);
    String secret = secrets.seal().open(recorded.sealedSecret());
    int groupId =
        adoptOrCreate(() -> find(client.groupPool(), group), () -> client.allocateGroup(group));
    Optional<CloudAccount> existingUser = find(client.userPool(), user);
    int userId;
    if (existingUser.isPresent()) {
      userId = existingUser.get().id();
      client.changePassword(userId, secret);
    } else {
      try {
        userId = client.allocateUser(user, secret, "core", List.of(groupId));
      } catch (CloudApiException.AlreadyExists taken) {
        userId = find(client.userPool(), user).orElseThrow(() -> taken).id();
        client.changePassword(userId, secret);
      }
    }
    grant(client, Acl.create(groupId, CREATES));
    self.ready(providerId, tenantId, groupId, userId);
    return new TenantAccount(providerId, tenantId, groupId, userId, user);
  }

  /** The account's row as recorded: ready (with the account), or the secret to give the user. */
  public record Recorded(TenantAccount account, String sealedSecret) {}

  /**
   * Records the account's row with a new secret the first time (committed before any provider
   * call), and answers it. Short: the tenant's row lock is held only while the row is written.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Recorded record(long providerId, long tenantId, String group, String user) {
    // The provider's row serialises the first inserts (a lock on the account row itself
    // deadlocks when several first inserts race on its key); held only while the row is written.
    if (!directory.lock(providerId)) {
      throw new NotFoundException("provider", providerId);
    }
    em.createNativeQuery(
            "INSERT IGNORE INTO provider_tenant_account (provider_id, tenant_id, group_name,"
                + " user_name, user_secret, ready, created_at) VALUES (?1, ?2, ?3, ?4, ?5, FALSE, ?6)")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .setParameter(3, group)
        .setParameter(4, user)
        .setParameter(5, secrets.seal().seal(secret()))
        .setParameter(6, clock.instant())
        .executeUpdate();
    // INSERT IGNORE also ignores an unknown tenant (its foreign key): then there is no row.
    Row row =
        Row.first(
                em.createNativeQuery(
                        "SELECT ready, one_group_id, one_user_id, user_secret, rights_granted"
                            + " FROM provider_tenant_account WHERE provider_id = ?1"
                            + " AND tenant_id = ?2")
                    .setParameter(1, providerId)
                    .setParameter(2, tenantId))
            .orElseThrow(() -> new NotFoundException("tenant", tenantId));
    if (row.bool(0) && row.bool(4)) {
      return new Recorded(
          new TenantAccount(providerId, tenantId, row.integer(1), row.integer(2), user), null);
    }
    return new Recorded(null, row.str(3));
  }

  /** The tenant's ready account at the provider, if it has one. */
  @Transactional
  public Optional<TenantAccount> existing(long providerId, long tenantId) {
    return Row.first(
            em.createNativeQuery(
                    "SELECT one_group_id, one_user_id, user_name FROM provider_tenant_account"
                        + " WHERE provider_id = ?1 AND tenant_id = ?2 AND ready")
                .setParameter(1, providerId)
                .setParameter(2, tenantId))
        .map(r -> new TenantAccount(providerId, tenantId, r.integer(0), r.integer(1), r.str(2)));
  }

  /** The OpenNebula group of each tenant with an account at the provider, by tenant id. */
  @Transactional
  public Map<Long, Integer> groups(long providerId) {
    Map<Long, Integer> groups = new HashMap<>();
    Row.all(
            em.createNativeQuery(
                    "SELECT tenant_id, one_group_id FROM provider_tenant_account"
                        + " WHERE provider_id = ?1 AND one_group_id IS NOT NULL")
                .setParameter(1, providerId))
        .forEach(r -> groups.put(r.lng(0), r.integer(1)));
    return groups;
  }

  /** Records the account as ready, with the ids the provider gave. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void ready(long providerId, long tenantId, int groupId, int userId) {
    em.createNativeQuery(
            "UPDATE provider_tenant_account SET one_group_id = ?1, one_user_id = ?2, ready = TRUE,"
                + " rights_granted = TRUE WHERE provider_id = ?3 AND tenant_id = ?4")
        .setParameter(1, groupId)
        .setParameter(2, userId)
        .setParameter(3, providerId)
        .setParameter(4, tenantId)
        .executeUpdate();
  }

  /**
   * Lets the tenant's group use one of the provider's templates, with the images its disks and the
   * networks its NICs name; done once per tenant, provider and template. The tenant's account must
   * have been prepared.
   *
   * @throws TemplateUnusableException when the template, or an image or network it names, does not
   *     exist at the provider
   * @throws eu.federa.cloud.CloudException when the provider cannot be reached or refuses
   */
  @Transactional
  public void grantUse(long providerId, long tenantId, int templateId) {
    ProviderConnection connection = connection(providerId);
    if (!em.createNativeQuery(
            "SELECT 1 FROM provider_tenant_grant WHERE provider_id = ?1 AND tenant_id = ?2"
                + " AND one_template_id = ?3")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .setParameter(3, templateId)
        .getResultList()
        .isEmpty()) {
      return;
    }
    List<?> group =
        em.createNativeQuery(
                "SELECT one_group_id FROM provider_tenant_account WHERE provider_id = ?1"
                    + " AND tenant_id = ?2 AND ready")
            .setParameter(1, providerId)
            .setParameter(2, tenantId)
            .getResultList();
    if (group.isEmpty()) {
      throw new NotFoundException("tenant account", tenantId);
    }
    int groupId = ((Number) group.get(0)).intValue();
    OpenNebulaClient client = clients.clientFor(connection);
    Template template;
    try {
      template = client.template(templateId);
    } catch (CloudApiException.NotFound gone) {
      throw new TemplateUnusableException(templateId, "template " + templateId);
    }
    List<Acl> rules = new ArrayList<>();
    rules.add(Acl.use(groupId, Resource.TEMPLATE, templateId));
    List<Image> images = template.disks().isEmpty() ? List.of() : client.imagePool(-2, -1, -1);
    for (Map<String, String> disk : template.disks()) {
      Integer imageId =
          referenced(templateId, disk, "IMAGE_ID", "IMAGE", images, Image::id, Image::name);
      if (imageId != null) {
        rules.add(Acl.use(groupId, Resource.IMAGE, imageId));
      }
    }
    List<VirtualNetwork> networks =
        template.nics().isEmpty() ? List.of() : client.networkPool(-2, -1, -1);
    for (Map<String, String> nic : template.nics()) {
      Integer networkId = networkOf(templateId, nic, networks);
      if (networkId != null) {
        rules.add(Acl.use(groupId, Resource.NET, networkId));
      }
    }
    rules.forEach(rule -> grant(client, rule));
    em.createNativeQuery(
            "INSERT IGNORE INTO provider_tenant_grant (provider_id, tenant_id, one_template_id,"
                + " granted_at) VALUES (?1, ?2, ?3, ?4)")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .setParameter(3, templateId)
        .setParameter(4, clock.instant())
        .executeUpdate();
  }

  /**
   * The network a template's NIC names, by id or by name, among {@code networks}; null when it
   * names none.
   *
   * @throws TemplateUnusableException when it names one the provider does not have
   */
  static Integer networkOf(int templateId, Map<String, String> nic, List<VirtualNetwork> networks) {
    return referenced(
        templateId,
        nic,
        "NETWORK_ID",
        "NETWORK",
        networks,
        VirtualNetwork::id,
        VirtualNetwork::name);
  }

  /**
   * The id a DISK or NIC vector refers to, by id or by name; null when it names nothing (a volatile
   * disk). A name that no object has is refused: OpenNebula would refuse the instantiation.
   */
  private static <T> Integer referenced(
      int templateId,
      Map<String, String> vector,
      String idKey,
      String nameKey,
      List<T> pool,
      ToIntFunction<T> id,
      Function<T, String> name) {
    String byId = vector.get(idKey);
    if (byId != null && !byId.isBlank()) {
      int wanted = Integer.parseInt(byId.trim());
      if (pool.stream().noneMatch(o -> id.applyAsInt(o) == wanted)) {
        throw new TemplateUnusableException(templateId, label(nameKey) + " " + wanted);
      }
      return wanted;
    }
    String byName = vector.get(nameKey);
    if (byName == null || byName.isBlank()) {
      return null;
    }
    return pool.stream()
        .filter(o -> byName.equals(name.apply(o)))
        .map(id::applyAsInt)
        .findFirst()
        .orElseThrow(
            () ->
                new TemplateUnusableException(templateId, label(nameKey) + " \"" + byName + "\""));
  }

  private static String label(String key) {
    return "IMAGE".equals(key) ? "image" : "network";
  }

  /** Adds a rule; one that is there already (an earlier attempt added it) is what we want. */
  static void grant(OpenNebulaClient client, Acl rule) {
    try {
      client.addAclRule(rule);
    } catch (CloudApiException.AlreadyExists present) {
      // granted before
    }
  }

  private static int adoptOrCreate(Supplier<Optional<CloudAccount>> find, IntSupplier create) {
    Optional<CloudAccount> found = find.get();
    if (found.isPresent()) {
      return found.get().id();
    }
    try {
      return create.getAsInt();
    } catch (CloudApiException.AlreadyExists taken) {
      return find.get().orElseThrow(() -> taken).id();
    }
  }

  /**
   * A client acting as the tenant's agent user at the provider: what it creates is the tenant's.
   * The account must be ready ({@link #prepare}).
   *
   * @throws NotFoundException when the tenant has no ready account there
   */
  public OpenNebulaClient agent(long providerId, long tenantId) {
    ProviderConnection connection = connection(providerId);
    Row row =
        Row.first(
                em.createNativeQuery(
                        "SELECT user_name, user_secret FROM provider_tenant_account"
                            + " WHERE provider_id = ?1 AND tenant_id = ?2 AND ready")
                    .setParameter(1, providerId)
                    .setParameter(2, tenantId))
            .orElseThrow(() -> new NotFoundException("tenant account", tenantId));
    return clients.clientAs(connection, row.str(0), secrets.seal().open(row.str(1)));
  }

  private ProviderConnection connection(long providerId) {
    ProviderConnection connection = work.connection(providerId);
    if (connection == null) {
      throw new ProviderNotFoundException(providerId);
    }
    return connection;
  }

  private static Optional<CloudAccount> find(List<CloudAccount> accounts, String name) {
    return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private static String secret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
