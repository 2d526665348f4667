package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.federa.cloud.AclRule;
import eu.federa.cloud.CloudAccount;
import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudException;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.registry.TenantAccounts.TenantAccount;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.Secrets;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's group and user at a provider: created on first use, once, even under races. */
class TenantAccountsIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject TenantAccounts accounts;
  @Inject ProviderRegistry registry;
  @Inject SyncWork work;
  @Inject ProviderClients clients;
  @Inject TeamFixture fixture;
  @Inject Secrets secrets;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private static final AuthenticatedUser ADMIN = PlatformAdminCaller.user;
  private OpenNebulaSimulator simulator;
  private long providerId;
  private long tenantId;
  private int template;
  private int otherTemplate;

  @BeforeEach
  void providerAndTenant() throws Exception {
    SimulatedCloud cloud = new SimulatedCloud(0, "it-zone", "it-secret", Clock.systemUTC());
    cloud.addHost("acc-01", cloud.addCluster("acc"), 8, 16384, 100_000);
    cloud.addImage("acc-os", 1024);
    cloud.addNetwork("acc-net", "10.98.0.10", 20);
    template =
        cloud.addTemplate(
            "acc-os",
            "CPU = \"1\"\nMEMORY = \"512\"\nDISK = [ IMAGE = \"acc-os\" ]\n"
                + "NIC = [ NETWORK_ID = \"0\" ]\n");
    otherTemplate = cloud.addTemplate("acc-other", "CPU = \"1\"\nMEMORY = \"512\"\n");
    simulator = OpenNebulaSimulator.start(cloud, 0);
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    providerId = SimulatedProviders.register(registry, simulator, "Accounts", "it-secret");
    AuthenticatedUser owner = fixture.person("Owner", "accounts.example");
    tenantId = fixture.tenantOf(owner, "Zeta Compute SAS");
  }

  @AfterEach
  void stop() {
    simulator.close();
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    // Nothing of this test is left for the workers: its provider is gone with its simulator.
    registry.setEnabled(providerId, false);
  }

  private List<CloudAccount> named(List<CloudAccount> pool, String name) {
    return pool.stream().filter(a -> a.name().equals(name)).toList();
  }

  private OpenNebulaClient client() {
    return clients.clientFor(work.connection(providerId));
  }

  /** The tenant's agent, signed in with the password Federa recorded for it. */
  private OpenNebulaClient agent() {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT user_name, user_secret FROM provider_tenant_account"
                        + " WHERE provider_id = ?1 AND tenant_id = ?2")
                .setParameter(1, providerId)
                .setParameter(2, tenantId)
                .getSingleResult();
    // stored sealed, never in plain text
    assertThat((String) row[1]).startsWith("sealed:v1:");
    return clients.clientAs(
        work.connection(providerId), (String) row[0], secrets.seal().open((String) row[1]));
  }

  private int instantiate(OpenNebulaClient as, int templateId) {
    return as.instantiateTemplate(templateId, "acl-check", true, "FEDERA_ORDER_ID = \"x\"", false);
  }

  @Test
  void theTenantsGroupMayCreateVmsAndUseOnlyTheTemplatesItWasGranted() {
    TenantAccount account = accounts.prepare(providerId, tenantId);
    // A group allocated at OpenNebula may create nothing; Federa's rule lets it create VMs and
    // the template an instantiation with extra attributes makes, and nothing else.
    assertThat(client().aclRules())
        .extracting(AclRule::text)
        .contains("@" + account.groupId() + " VM+TEMPLATE/* CREATE #0");
    assertThatThrownBy(() -> instantiate(agent(), template))
        .isInstanceOfSatisfying(
            CloudApiException.NotAuthorized.class,
            e -> assertThat(e.getMessage()).contains("Not authorized to perform USE TEMPLATE"));

    accounts.grantUse(providerId, tenantId, template);
    accounts.grantUse(providerId, tenantId, template); // once is enough; twice changes nothing
    assertThat(instantiate(agent(), template)).isNotNegative();
    assertThat(client().aclRules())
        .extracting(AclRule::text)
        .contains(
            "@" + account.groupId() + " TEMPLATE/#" + template + " USE #0",
            "@" + account.groupId() + " IMAGE/#0 USE #0",
            "@" + account.groupId() + " NET/#0 USE #0");
    // A template it was not granted stays out of reach; one that does not exist is named.
    assertThatThrownBy(() -> instantiate(agent(), otherTemplate))
        .isInstanceOf(CloudApiException.NotAuthorized.class);
    assertThatThrownBy(() -> accounts.grantUse(providerId, tenantId, 4242))
        .isInstanceOfSatisfying(
            TemplateUnusableException.class,
            e -> assertThat(e.missing()).isEqualTo("template 4242"));
  }

  @Test
  void aNameTakenByAnotherAttemptIsAdoptedAndItsPasswordReset() {
    // Another node (or a rolled-back attempt) created the group and the user with another secret.
    String group = "federa-tenant-" + tenantId;
    int groupId = client().allocateGroup(group);
    client().allocateUser(group + "-agent", "not-the-recorded-one", "core", List.of(groupId));
    TenantAccount adopted = accounts.prepare(providerId, tenantId);
    assertThat(adopted.groupId()).isEqualTo(groupId);
    assertThat(named(client().userPool(), group + "-agent")).hasSize(1);
    // The agent signs in with the secret Federa recorded.
    assertThat(agent().self().name()).isEqualTo(group + "-agent");
    assertThatThrownBy(() -> client().allocateGroup(group))
        .isInstanceOf(CloudApiException.AlreadyExists.class);
  }

  @Test
  void concurrentFirstUsesCreateOneGroupAndOneUser() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<TenantAccount>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> accounts.prepare(providerId, tenantId)));
      }
      TenantAccount first = results.get(0).get();
      for (Future<TenantAccount> result : results) {
        assertThat(result.get()).isEqualTo(first);
      }
      String group = "federa-tenant-" + tenantId;
      assertThat(named(client().groupPool(), group))
          .singleElement()
          .satisfies(g -> assertThat(g.id()).isEqualTo(first.groupId()));
      assertThat(named(client().userPool(), group + "-agent"))
          .singleElement()
          .satisfies(u -> assertThat(u.groupIds()).contains(first.groupId()));
      assertThat(accounts.prepare(providerId, tenantId)).isEqualTo(first);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRetryAfterALostRecordAdoptsWhatWasCreated() {
    TenantAccount created = accounts.prepare(providerId, tenantId);
    // As if the node had died after OpenNebula answered but before the record was committed.
    fixture.execute(
        "DELETE FROM provider_tenant_account WHERE provider_id = ?1 AND tenant_id = ?2",
        providerId,
        tenantId);
    assertThat(accounts.prepare(providerId, tenantId)).isEqualTo(created);
    assertThat(named(client().groupPool(), "federa-tenant-" + tenantId)).hasSize(1);
  }

  @Test
  void anUnreachableProviderRecordsNothingAndTheNextCallSucceeds() {
    simulator.close();
    assertThatThrownBy(() -> accounts.prepare(providerId, tenantId))
        .isInstanceOf(CloudException.class);
    assertThat(
            fixture.execute(
                "UPDATE provider_tenant_account SET ready = ready WHERE provider_id = ?1 AND ready",
                providerId))
        .isZero();
    assertThatThrownBy(() -> accounts.prepare(987654321L, tenantId))
        .isInstanceOf(ProviderNotFoundException.class);
  }

  /**
   * Issue #14, defect 7: preparing an account no longer holds the tenant's row lock during the
   * provider calls (a slow provider blocked every other use of the tenant: orders, team changes).
   */
  @Test
  void aSlowProviderDoesNotHoldTheTenantsLock() throws Exception {
    simulator.faults().slow(Duration.ofMillis(700));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<TenantAccount> preparing = pool.submit(() -> accounts.prepare(providerId, tenantId));
      // Once the preparation has recorded its row, it is at the provider (several slow calls).
      await("the preparation's row recorded")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .pollInSameThread()
          .until(
              () ->
                  fixture.execute(
                          "UPDATE provider_tenant_account SET ready = ready WHERE provider_id = ?1"
                              + " AND tenant_id = ?2",
                          providerId,
                          tenantId)
                      > 0);
      // The tenant's row is free meanwhile: taking its lock does not wait for the provider.
      fixture.execute("UPDATE tenant SET id = id WHERE id = ?1", tenantId);
      assertThat(preparing.isDone())
          .as("the tenant's lock was free while the provider answered")
          .isFalse();
      TenantAccount account = preparing.get(60, TimeUnit.SECONDS);
      assertThat(account.groupId()).isPositive();
    } finally {
      simulator.faults().clear();
      pool.shutdownNow();
    }
  }
}
