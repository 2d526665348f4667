package eu.federa.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.TeamFixture;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, defect 2: a quota check reads after the tenant's lock, and reads the rows committed
 * then, not the snapshot of an earlier read of its transaction. The interleaving that broke it is
 * forced, not hoped for: the resize's transaction reads (its access check, loading the order), then
 * an order of the same tenant commits, then the resize takes the lock and checks.
 */
class QuotaRacesIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  private static final AuthenticatedUser ADMIN = PlatformAdminCaller.user;

  @Inject QuotaReservations quota;
  @Inject eu.federa.placement.PlacementService placement;
  @Inject TeamFixture fixture;
  @Resource UserTransaction tx;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private long tenantId;

  /** The reservation of 2 vCPU the tenant has from the start. */
  private final String raceVm = "race-vm-" + java.util.UUID.randomUUID();

  @BeforeEach
  void tenant() throws Exception {
    AuthenticatedUser owner = fixture.person("Quinn", "quota-races.example");
    tenantId = fixture.tenantOf(owner, "Quota Races SAS");
    fixture.execute(
        "UPDATE tenant_quota SET vcpu = 4, memory_mib = NULL, disk_gib = NULL, vms = NULL,"
            + " gpus = NULL WHERE tenant_id = ?1",
        tenantId);
    tx.begin();
    quota.reserve(tenantId, null, null, raceVm, Usage.ofVm(2, 2048, 10, 0));
    tx.commit();
  }

  @AfterEach
  void restore() {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
  }

  private long heldVcpu() {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COALESCE(SUM(vcpu), 0) FROM quota_reservation WHERE tenant_id = ?1")
                .setParameter(1, tenantId)
                .getSingleResult())
        .longValue();
  }

  @Test
  void aResizeChecksTheOrdersCommittedWhileItWaitedForTheLock() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      for (int round = 0; round < 200; round++) {
        String order = "race-order-" + round;
        CountDownLatch resizeHasRead = new CountDownLatch(1);
        CompletableFuture<Void> orderCommitted = new CompletableFuture<>();
        // The resize: reads first (its snapshot starts), waits until the order committed, then
        // changes its reservation from 2 to 4 vCPU under the lock.
        Future<Boolean> resized =
            pool.submit(
                () -> {
                  tx.begin();
                  try {
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM quota_reservation WHERE tenant_id = ?1")
                        .setParameter(1, tenantId)
                        .getSingleResult();
                    resizeHasRead.countDown();
                    orderCommitted.get(30, TimeUnit.SECONDS);
                    quota.lockTenant(tenantId);
                    quota.change(tenantId, raceVm, Usage.ofVm(4, 2048, 10, 0));
                    tx.commit();
                    return true;
                  } catch (QuotaExceededException e) {
                    tx.rollback();
                    return false;
                  }
                });
        // Meanwhile an order of 2 vCPU takes the room that is left.
        resizeHasRead.await(30, TimeUnit.SECONDS);
        tx.begin();
        quota.lockTenant(tenantId);
        quota.reserve(tenantId, null, null, order, Usage.ofVm(2, 2048, 10, 0));
        tx.commit();
        orderCommitted.complete(null);

        assertThat(resized.get(30, TimeUnit.SECONDS))
            .as("round %d: the resize must see the order and be refused", round)
            .isFalse();
        assertThat(heldVcpu()).as("round %d: vCPU held (limit 4)", round).isEqualTo(4);
        fixture.execute("DELETE FROM quota_reservation WHERE order_ref = ?1", order);
      }
    } finally {
      pool.shutdownNow();
    }
    // And the resize still fits when the room is there.
    tx.begin();
    quota.lockTenant(tenantId);
    quota.change(tenantId, raceVm, Usage.ofVm(4, 2048, 10, 0));
    tx.commit();
    assertThat(heldVcpu()).isEqualTo(4);
    tx.begin();
    quota.lockTenant(tenantId);
    assertThatThrownBy(
            () -> quota.reserve(tenantId, null, null, "one-more", Usage.ofVm(1, 1, 1, 0)))
        .isInstanceOf(QuotaExceededException.class);
    tx.rollback();
  }

  /**
   * A VM of the tenant starts running on one node (its host claim settles, its reservation becomes
   * usage) while another order of the same tenant is placed on another node (quota lock, limit
   * check, then its host claim). Forced in the order that deadlocked two nodes of the cluster test:
   * the settling first, the placement's limit check next, then the settling's reservation and the
   * placement's claim at once. Both must commit.
   */
  @Test
  void aVmThatStartsRunningWhileAnotherOrderIsPlacedNeverDeadlocks() throws Exception {
    Object[] host = fixture.rows("SELECT id, provider_id FROM provider_host ORDER BY id").get(0);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      String prefix = "settle-" + java.util.UUID.randomUUID() + "-";
      for (int round = 0; round < 5; round++) {
        String running = prefix + round + "-a";
        String placed = prefix + round + "-b";
        tx.begin();
        quota.reserve(tenantId, null, null, running, Usage.ofVm(1, 1024, 10, 0));
        tx.commit();
        claim(running, host);

        CountDownLatch settled = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Future<?> starting =
            pool.submit(
                () -> {
                  tx.begin();
                  try {
                    placement.settle(running);
                    settled.countDown();
                    checked.await(30, TimeUnit.SECONDS);
                    quota.commit(running);
                    tx.commit();
                  } catch (Exception | Error e) {
                    tx.rollback();
                    throw e;
                  }
                  return null;
                });
        settled.await(30, TimeUnit.SECONDS);
        tx.begin();
        try {
          quota.lockTenant(tenantId);
          quota.reserve(tenantId, null, null, placed, Usage.ofVm(1, 1024, 10, 0));
          checked.countDown();
          insertClaim(placed, host);
          tx.commit();
        } catch (Exception | Error e) {
          checked.countDown();
          tx.rollback();
          throw new AssertionError(
              "round " + round + ": the placement failed; " + lastDeadlock(), e);
        }
        try {
          starting.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new AssertionError(
              "round " + round + ": the VM's start failed; " + lastDeadlock(), e.getCause());
        }
        assertThat(
                fixture.single("SELECT state FROM quota_reservation WHERE order_ref = ?1", running))
            .isEqualTo("IN_USE");
        assertThat(
                ((Number)
                        fixture.single(
                            "SELECT COUNT(*) FROM placement_claim WHERE order_ref = ?1"
                                + " AND settled_at IS NOT NULL",
                            running))
                    .longValue())
            .isEqualTo(1);
        // The next round starts from the tenant's own reservation alone (its limit is 4 vCPU).
        fixture.execute(
            "DELETE FROM quota_reservation WHERE order_ref IN (?1, ?2)", running, placed);
      }
    } finally {
      pool.shutdownNow();
      fixture.execute("DELETE FROM placement_claim WHERE order_ref LIKE 'settle-%'");
    }
  }

  /** InnoDB's account of the last deadlock: both transactions, their statements and locks. */
  private String lastDeadlock() {
    List<Object[]> status = fixture.rows("SHOW ENGINE INNODB STATUS");
    String text = status.isEmpty() ? "" : String.valueOf(status.get(0)[2]);
    int from = text.indexOf("LATEST DETECTED DEADLOCK");
    int to = text.indexOf("TRANSACTIONS\n----", Math.max(from, 0));
    return from < 0 ? "no deadlock reported" : text.substring(from, to < 0 ? text.length() : to);
  }

  /** A claim of nothing (no cores, no memory) for {@code ref} on {@code host}, committed. */
  private void claim(String ref, Object[] host) throws Exception {
    tx.begin();
    insertClaim(ref, host);
    tx.commit();
  }

  private void insertClaim(String ref, Object[] host) {
    em.createNativeQuery(
            "INSERT INTO placement_claim (order_ref, instance_no, host_id, provider_id, cores,"
                + " memory_mib, disk_gib, created_at) VALUES (?1, 0, ?2, ?3, 0, 0, 0,"
                + " UTC_TIMESTAMP(6))")
        .setParameter(1, ref)
        .setParameter(2, host[0])
        .setParameter(3, host[1])
        .executeUpdate();
  }
}
