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
  @Inject TeamFixture fixture;
  @Resource UserTransaction tx;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private long tenantId;

  @BeforeEach
  void tenant() throws Exception {
    AuthenticatedUser owner = fixture.person("Quinn", "quota-races.example");
    tenantId = fixture.tenantOf(owner, "Quota Races SAS");
    fixture.execute(
        "UPDATE tenant_quota SET vcpu = 4, memory_mib = NULL, disk_gib = NULL, vms = NULL,"
            + " gpus = NULL WHERE tenant_id = ?1",
        tenantId);
    tx.begin();
    quota.reserve(tenantId, null, null, "race-vm", Usage.ofVm(2, 2048, 10, 0));
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
                    quota.change(tenantId, "race-vm", Usage.ofVm(4, 2048, 10, 0));
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
    quota.change(tenantId, "race-vm", Usage.ofVm(4, 2048, 10, 0));
    tx.commit();
    assertThat(heldVcpu()).isEqualTo(4);
    tx.begin();
    quota.lockTenant(tenantId);
    assertThatThrownBy(
            () -> quota.reserve(tenantId, null, null, "one-more", Usage.ofVm(1, 1, 1, 0)))
        .isInstanceOf(QuotaExceededException.class);
    tx.rollback();
  }
}
