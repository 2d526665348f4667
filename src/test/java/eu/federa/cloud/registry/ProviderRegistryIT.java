package eu.federa.cloud.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.federa.audit.AuditAction;
import eu.federa.audit.Changes;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.validation.FieldError;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry in WildFly against a simulator running beside it: rules, checks, sync, claims. */
class ProviderRegistryIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ProviderRegistry registry;
  @Inject HostPowers powers;
  @Inject InventorySync sync;
  @Inject SyncWork work;
  @Inject TeamFixture fixture;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private OpenNebulaSimulator simulator;
  private SimulatedCloud cloud;
  private int clusterId;

  @BeforeEach
  void startSimulator() throws Exception {
    PlatformAdminCaller.platformAdmin = true;
    cloud = new SimulatedCloud(0, "it-zone", "it-secret", Clock.systemUTC());
    int cluster = cloud.addCluster("it-a");
    clusterId = cluster;
    cloud.addHost("it-cpu-01", cluster, 16, 65536, 1_000_000);
    int gpu = cloud.addHost("it-gpu-01", cluster, 32, 131072, 1_000_000);
    cloud.addGpu(gpu, "10de", "2330", "H100 SXM5 80GB", "0302");
    simulator = OpenNebulaSimulator.start(cloud, 0);
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
    PlatformAdminCaller.platformAdmin = true;
    // Nothing of this test is left for the workers: its providers are gone with its simulator.
    fixture.execute(
        "UPDATE provider SET enabled = FALSE WHERE endpoint_url = ?1",
        simulator.endpoint().toString());
  }

  private ProviderForm form(String name, String url, String secret) {
    return form(name, url, "oneadmin", secret);
  }

  private ProviderForm form(String name, String url, String user, String secret) {
    return new ProviderForm(
        name,
        "IT Cloud SAS",
        "fr",
        "Lyon",
        new BigDecimal("45.7640"),
        new BigDecimal("4.8357"),
        "France",
        List.of("ISO 27001", " SecNumCloud "),
        url,
        user,
        secret,
        true,
        false,
        null);
  }

  private String uniqueName() {
    return "IT " + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Registers a new provider on the simulator with this secret; it must be refused. */
  private FieldError firstRejection(String secret) {
    ProviderRejectedException e =
        assertThrows(
            ProviderRejectedException.class,
            () -> registry.register(form(uniqueName(), simulator.endpoint().toString(), secret)));
    return e.errors().get(0);
  }

  private ProviderOverview overviewOf(long id) {
    return registry.overview().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
  }

  @Test
  void aValidProviderIsSavedAndItsInventorySynced() {
    long id = registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret"));
    sync.syncNow(id);

    ProviderOverview overview = overviewOf(id);
    assertEquals("available", overview.health());
    assertEquals("7.0.0", overview.apiVersion());
    assertEquals(2, overview.hosts());
    assertEquals(48.0, overview.freeCores());
    assertEquals(1, overview.freeGpus());
    ProviderDetail detail = registry.detail(id).orElseThrow();
    assertEquals("FR", detail.provider().getCountryCode());
    assertEquals(List.of("ISO 27001", "SecNumCloud"), detail.provider().getCertifications());
    assertEquals(1, detail.clusters().size());
    HostLine gpuHost =
        registry.hosts(id, 0, 50).rows().stream()
            .filter(h -> h.name().equals("it-gpu-01"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, gpuHost.gpuFree());
    assertEquals("H100 SXM5 80GB", gpuHost.firstGpu());
    // The provider page lists its hosts a page at a time, by name.
    assertEquals(2, registry.hosts(id, 0, 1).total());
    assertEquals(1, registry.hosts(id, 0, 1).rows().size());
    assertEquals(registry.hosts(id, 0, 50).rows().get(1), registry.hosts(id, 1, 1).rows().get(0));
    assertTrue(registry.hosts(id, 2, 1).rows().isEmpty());
  }

  @Test
  void aProviderThatGoesDownIsShownUnavailableAndComesBackByItself() throws Exception {
    long id = registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret"));
    sync.syncNow(id);

    simulator.down();
    sync.syncNow(id);
    ProviderOverview down = overviewOf(id);
    assertEquals("unavailable", down.health());
    assertTrue(down.lastError().contains("connection refused"), down.lastError());
    assertEquals(ProviderError.UNREACHABLE, down.lastErrorKind(), "said in the admin's words");
    assertEquals(2, down.hosts(), "the last known inventory stays visible");

    simulator.up();
    // The circuit may be open after the failures: it lets a trial through once its pause is over.
    eventually(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              sync.syncNow(id);
              return overviewOf(id).reachable();
            });
    assertEquals("available", overviewOf(id).health());
  }

  @Test
  void badInputIsRejectedWithEveryProblemAndNothingIsSaved() {
    int before = registry.overview().size();
    ProviderForm bad =
        new ProviderForm(
            " ",
            "X",
            "US",
            "",
            new BigDecimal("200"),
            null,
            "",
            List.of("a;b"),
            "ftp://nowhere",
            "admin:x",
            "",
            true,
            false,
            null);

    ProviderRejectedException e =
        assertThrows(ProviderRejectedException.class, () -> registry.register(bad));

    Set<String> fields = new HashSet<>();
    e.errors().forEach(error -> fields.add(error.field()));
    assertEquals(
        Set.of(
            "name",
            "legalEntity",
            "countryCode",
            "city",
            "latitude",
            "longitude",
            "jurisdiction",
            "certifications",
            "endpointUrl",
            "apiUsername",
            "apiSecret"),
        fields);
    assertEquals(before, registry.overview().size());
  }

  @Test
  void anEndpointWhereNothingAnswersIsRejected() throws Exception {
    simulator.down();
    assertEquals("provider.error.unreachable", firstRejection("it-secret").messageKey());
  }

  @Test
  void wrongCredentialsAreRejected() {
    FieldError error = firstRejection("wrong");
    assertEquals("apiSecret", error.field());
    assertEquals("provider.error.credentials", error.messageKey());
  }

  /** Issue #13, finding 6: what is stored, and where a stored secret may go. */
  @Test
  void theSecretIsStoredSealedAndNeverSentToANewEndpointWithoutBeingGivenAgain() throws Exception {
    long id = registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret"));
    String stored =
        (String)
            em.createNativeQuery("SELECT api_secret FROM provider WHERE id = ?1")
                .setParameter(1, id)
                .getSingleResult();
    assertTrue(stored.startsWith("sealed:v1:"), stored);
    assertFalse(stored.contains("it-secret"));
    sync.syncNow(id);
    assertEquals("available", overviewOf(id).health(), "the sealed secret opens for the sync");

    // Another front-end listens elsewhere: the stored secret must not be tried there.
    SimulatedCloud other = new SimulatedCloud(0, "other", "it-secret", Clock.systemUTC());
    other.addHost("o-1", other.addCluster("o"), 4, 8192, 100_000);
    try (OpenNebulaSimulator elsewhere = OpenNebulaSimulator.start(other, 0)) {
      ProviderForm stored2 = registry.formOf(id).orElseThrow();
      ProviderForm moved = form(stored2.name(), elsewhere.endpoint().toString(), "oneadmin", "");
      ProviderRejectedException e =
          assertThrows(ProviderRejectedException.class, () -> registry.update(id, moved));
      assertEquals("apiSecret", e.errors().get(0).field());
      assertEquals("provider.error.secretForNewEndpoint", e.errors().get(0).messageKey());
      // Given again, the move is checked against the new endpoint and saved.
      registry.update(
          id, form(stored2.name(), elsewhere.endpoint().toString(), "oneadmin", "it-secret"));
      assertEquals(
          elsewhere.endpoint().toString(), registry.formOf(id).orElseThrow().endpointUrl());
      // Issue #24: both changes audited with the values before and after, never the secret.
      String registered = auditDetail("PROVIDER_REGISTERED", id);
      assertTrue(registered.contains("apiSecret: set"), registered);
      assertTrue(registered.contains("endpointUrl: " + simulator.endpoint()), registered);
      String changed = auditDetail("PROVIDER_CHANGED", id);
      assertTrue(
          changed.contains(
              "endpointUrl: " + simulator.endpoint() + " \u2192 " + elsewhere.endpoint()),
          changed);
      assertFalse(registered.contains("it-secret") || changed.contains("it-secret"), changed);
      // Both read in each reader's words (the fields' names translated).
      assertTrue(Changes.read(AuditAction.PROVIDER_REGISTERED, registered).isPresent(), registered);
      assertTrue(Changes.read(AuditAction.PROVIDER_CHANGED, changed).isPresent(), changed);
    }
  }

  private String auditDetail(String action, long providerId) {
    return (String)
        em.createNativeQuery(
                "SELECT p.detail FROM audit_event e JOIN audit_event_personal p"
                    + " ON p.event_id = e.id WHERE e.action = ?1 AND p.target = ?2"
                    + " ORDER BY e.id DESC LIMIT 1")
            .setParameter(1, action)
            .setParameter(2, "provider " + providerId)
            .getSingleResult();
  }

  @Test
  void plainHttpIsRefusedOutsideThisMachine() {
    ProviderRejectedException e =
        assertThrows(
            ProviderRejectedException.class,
            () -> registry.register(form(uniqueName(), "http://one.example.eu:2633/RPC2", "s")));
    assertEquals("{federa.provider.httpsRequired}", e.errors().get(0).messageKey());
  }

  @Test
  void anAccountOutsideOneadminIsRejectedWithTheCommandThatFixesIt() {
    // A plain user of the provider: it could not see the hosts, create tenants' groups and
    // users, grant them rights or deploy on chosen hosts.
    simulator.cloud().addUser("federa-plain", "plain-secret");
    ProviderRejectedException e =
        assertThrows(
            ProviderRejectedException.class,
            () ->
                registry.register(
                    form(
                        uniqueName(),
                        simulator.endpoint().toString(),
                        "federa-plain",
                        "plain-secret")));
    FieldError error = e.errors().get(0);
    assertEquals("apiUsername", error.field());
    assertEquals("provider.error.notAdmin", error.messageKey());
    assertEquals(List.of("federa-plain"), error.arguments());
  }

  @Test
  void somethingThatIsNotOpenNebulaIsRejected() {
    simulator.faults().garbage(true);
    assertEquals("provider.error.notOpenNebula", firstRejection("it-secret").messageKey());
  }

  @Test
  void aDuplicateNameIsRejectedWhateverItsCase() {
    String name = uniqueName();
    registry.register(form(name, simulator.endpoint().toString(), "it-secret"));

    ProviderRejectedException e =
        assertThrows(
            ProviderRejectedException.class,
            () ->
                registry.register(
                    form(name.toLowerCase(), simulator.endpoint().toString(), "it-secret")));
    assertEquals("provider.error.nameTaken", e.errors().get(0).messageKey());
  }

  @Test
  void theSecretIsNeverGivenBackAndABlankOneKeepsIt() {
    long id = registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret"));

    ProviderForm stored = registry.formOf(id).orElseThrow();
    assertNull(stored.apiSecret());
    assertFalse(stored.toString().contains("it-secret"));

    registry.update(
        id,
        new ProviderForm(
            stored.name(),
            "Renamed SAS",
            stored.countryCode(),
            stored.city(),
            stored.latitude(),
            stored.longitude(),
            stored.jurisdiction(),
            stored.certifications(),
            stored.endpointUrl(),
            stored.apiUsername(),
            "",
            true,
            true,
            "moved"));
    sync.syncNow(id);
    assertEquals("available", overviewOf(id).health(), "the kept secret still works");
    assertEquals("Renamed SAS", registry.detail(id).orElseThrow().provider().getLegalEntity());
  }

  @Test
  void aHostsOwnPowerModelIsSetByPlatformAdminsKeptThroughSyncsAndTakenByItsEstimates() {
    long id = registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret"));
    sync.syncNow(id);
    HostLine cpu = hostNamed(id, "it-cpu-01");
    HostLine gpu = hostNamed(id, "it-gpu-01");
    assertNull(cpu.idleWatts());
    registry.setEnergy(id, new ProviderRegistry.EnergyForm(null, 100, 300));
    assertEquals(100, registry.hostEnergy(cpu.id()).orElseThrow().hostIdleWatts());

    assertEquals(new HostPowers.Power(150, 450), powers.set(id, cpu.id(), 150, 450));
    assertEquals(150, hostNamed(id, "it-cpu-01").idleWatts());
    assertEquals(450, hostNamed(id, "it-cpu-01").fullWatts());
    assertEquals(150, registry.hostEnergy(cpu.id()).orElseThrow().hostIdleWatts());
    assertEquals(450, registry.hostEnergy(cpu.id()).orElseThrow().hostFullWatts());
    assertEquals(100, registry.hostEnergy(gpu.id()).orElseThrow().hostIdleWatts(), "the others");
    assertEquals(
        1,
        ((Number)
                fixture.single(
                    "SELECT COUNT(*) FROM audit_event e JOIN audit_event_personal p"
                        + " ON p.event_id = e.id WHERE e.action = 'PROVIDER_ENERGY_CHANGED'"
                        + " AND p.target = ?1",
                    "host it-cpu-01 of provider " + id))
            .intValue());

    // Bad input: a clear message on its field, nothing changed.
    assertEquals("energy.error.idleAboveFull", powerError(id, cpu.id(), 500, 400).messageKey());
    assertEquals("idleWatts", powerError(id, cpu.id(), -1, 400).field());
    assertEquals("energy.error.watts", powerError(id, cpu.id(), -1, 400).messageKey());
    assertEquals("fullWatts", powerError(id, cpu.id(), 100, 20_001).field());
    assertEquals("energy.error.idleAboveFull", powerError(id, cpu.id(), 100, null).messageKey());
    assertEquals(150, hostNamed(id, "it-cpu-01").idleWatts());
    // Another provider's host is not found; only platform admins set it.
    assertThrows(
        eu.federa.platform.security.NotFoundException.class,
        () -> powers.set(id + 100_000, cpu.id(), 150, 450));
    PlatformAdminCaller.platformAdmin = false;
    assertThrows(AccessDeniedException.class, () -> powers.set(id, cpu.id(), 1, 2));
    PlatformAdminCaller.platformAdmin = true;

    // The sync rewrites the host's row; its own model stays.
    sync.syncNow(id);
    assertEquals(150, hostNamed(id, "it-cpu-01").idleWatts());

    // Both empty: the provider's model again.
    assertNull(powers.set(id, cpu.id(), null, null));
    assertNull(hostNamed(id, "it-cpu-01").idleWatts());
    assertEquals(100, registry.hostEnergy(cpu.id()).orElseThrow().hostIdleWatts());
  }

  private HostLine hostNamed(long providerId, String name) {
    return registry.hosts(providerId, 0, 50).rows().stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private FieldError powerError(long providerId, long hostId, Integer idle, Integer full) {
    eu.federa.platform.validation.InvalidInputException e =
        assertThrows(
            eu.federa.platform.validation.InvalidInputException.class,
            () -> powers.set(providerId, hostId, idle, full));
    assertEquals(1, e.errors().size(), e.errors().toString());
    return e.errors().get(0);
  }

  @Test
  void onlyPlatformAdminsManageProviders() {
    PlatformAdminCaller.platformAdmin = false;
    assertThrows(AccessDeniedException.class, () -> registry.overview());
    assertThrows(
        AccessDeniedException.class,
        () -> registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret")));
  }

  @Test
  void aProvidersRegisterIsChangedByPlatformAdminsAuditedAndPublishedWhileEnabled() {
    long id = registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret"));
    // Until stated, the seat and the data centres are the provider's country, with no measure.
    SovereigntyRegister first = registry.registerOf(id);
    assertEquals("FR", first.legalSeatCountry());
    assertEquals(List.of("FR"), first.datacentreCountries());
    assertEquals(List.of(), first.accessMeasures());

    SovereigntyRegister changed =
        registry.changeRegister(
            id,
            new SovereigntyRegister.Change(
                "LU",
                List.of("FR", " DE", "FR"),
                Set.of(AccessMeasure.TRANSPARENCY_REPORT, AccessMeasure.EU_CONTROLLED_OPERATOR)));
    assertEquals("LU", changed.legalSeatCountry());
    assertEquals(List.of("FR", "DE"), changed.datacentreCountries());
    assertEquals(
        List.of(AccessMeasure.EU_CONTROLLED_OPERATOR, AccessMeasure.TRANSPARENCY_REPORT),
        changed.accessMeasures());
    assertEquals(
        1L,
        fixture.single(
            "SELECT COUNT(*) FROM audit_event e JOIN audit_event_personal p ON p.event_id = e.id"
                + " WHERE e.action = 'PROVIDER_REGISTER_CHANGED' AND p.target = ?1",
            "provider " + id));
    assertTrue(registry.publicRegister().stream().anyMatch(r -> r.providerId() == id));

    // Bad input: every problem named, nothing saved.
    ProviderRejectedException bad =
        assertThrows(
            ProviderRejectedException.class,
            () ->
                registry.changeRegister(
                    id, new SovereigntyRegister.Change("Luxembourg", List.of("F1"), Set.of())));
    assertEquals(
        List.of("legalSeatCountry", "datacentreCountries"),
        bad.errors().stream().map(FieldError::field).toList());
    assertEquals("LU", registry.registerOf(id).legalSeatCountry());

    // Others may not change it; a disabled provider is not published.
    PlatformAdminCaller.platformAdmin = false;
    assertThrows(
        AccessDeniedException.class,
        () ->
            registry.changeRegister(
                id, new SovereigntyRegister.Change("FR", List.of("FR"), Set.of())));
    assertTrue(registry.publicRegister().stream().anyMatch(r -> r.providerId() == id));
    PlatformAdminCaller.platformAdmin = true;
    registry.setEnabled(id, false);
    assertTrue(registry.publicRegister().stream().noneMatch(r -> r.providerId() == id));
  }

  @Test
  void anUnknownProviderIsNotFound() {
    assertTrue(registry.detail(987654).isEmpty());
    assertThrows(ProviderNotFoundException.class, () -> registry.setEnabled(987654, false));
  }

  @Test
  void concurrentClaimsNeverHandTheSameProviderToTwoWorkers() throws Exception {
    for (int i = 0; i < 4; i++) {
      long id = registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret"));
      work.dueNow(id);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<SyncWork.SyncClaim>>> claims = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      claims.add(pool.submit(() -> work.claimDue(3, Duration.ofMinutes(5))));
    }
    List<SyncWork.SyncClaim> all = new ArrayList<>();
    for (Future<List<SyncWork.SyncClaim>> claim : claims) {
      all.addAll(claim.get());
    }
    pool.shutdown();
    List<Long> ids = all.stream().map(SyncWork.SyncClaim::providerId).toList();

    assertEquals(new HashSet<>(ids).size(), ids.size(), "a provider was claimed twice: " + ids);
    List<SyncWork.SyncClaim> again = work.claimDue(100, Duration.ofMinutes(5));
    assertTrue(again.stream().map(SyncWork.SyncClaim::providerId).noneMatch(ids::contains));
    // An on-demand claim does not take a sync in flight either.
    assertTrue(work.claim(ids.get(0), Duration.ofMinutes(5)).isEmpty());
    all.forEach(work::release);
    again.forEach(work::release);
    // Released, it is free again at once: this node's own sync worker may take it first (for the
    // few milliseconds of a sync), but no one waits for the five minutes' lease.
    eventually(Duration.ofSeconds(30))
        .until(() -> work.claim(ids.get(0), Duration.ofSeconds(1)).isPresent());
  }

  /**
   * Issue #14, defect 10: two syncs of one provider that both meet a new host inserted it twice
   * ("Duplicate entry for key uk_host"). Syncs are single-flight: raced 60 times, each round with a
   * host the database has not seen yet, never an error, never a duplicate. The round's host leaves
   * the provider after its round, so each sync stays small. (The test takes about 12 s: six calls a
   * round against the client's limit of 30 calls a second per provider.)
   */
  @Test
  void racingSyncsOfOneProviderRecordEachHostOnce() throws Exception {
    long id = registry.register(form(uniqueName(), simulator.endpoint().toString(), "it-secret"));
    sync.syncNow(id);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      int previous = -1;
      for (int round = 0; round < 60; round++) {
        if (previous >= 0) {
          cloud.removeHost(previous);
        }
        previous = cloud.addHost("it-new-" + round, clusterId, 8, 16384, 100_000);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> syncs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          syncs.add(
              pool.submit(
                  () -> {
                    start.await();
                    sync.syncNow(id);
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> each : syncs) {
          each.get(); // a duplicate insert fails the sync with a persistence error
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<HostLine> hosts = registry.hosts(id, 0, 50).rows();
    // The two hosts of the provider and the last round's, each once.
    assertEquals(3, hosts.size());
    assertEquals(3, hosts.stream().map(HostLine::name).distinct().count());
    assertTrue(hosts.stream().anyMatch(h -> h.name().equals("it-new-59")));
    assertEquals("available", overviewOf(id).health());
  }
}
