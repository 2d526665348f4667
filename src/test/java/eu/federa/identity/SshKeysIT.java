package eu.federa.identity;

import static eu.federa.testsupport.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.TestSshKeys;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #23: the SSH keys of a user's profile, in WildFly on the real database. */
class SshKeysIT extends InContainerTest {

  private static final String ED25519 = TestSshKeys.ED25519;
  private static final String RSA_3072 = TestSshKeys.RSA_3072;

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject SshKeys keys;
  @Inject UserAccountService accounts;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private AuthenticatedUser ana;

  @BeforeEach
  void signInAna() {
    ana = person("ana");
    PlatformAdminCaller.user = ana;
  }

  private AuthenticatedUser person(String name) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    AuthenticatedUser user =
        new AuthenticatedUser(
            "sub-" + name + "-" + id,
            name + "-" + id,
            name + id + "@example.org",
            name,
            name,
            null);
    accounts.recordSignIn(user);
    return user;
  }

  private long stored(AuthenticatedUser user) {
    return ((Number)
            em.createNativeQuery("SELECT COUNT(*) FROM ssh_key WHERE user_subject = ?1")
                .setParameter(1, user.subject())
                .getSingleResult())
        .longValue();
  }

  @Test
  void aKeyIsAddedListedWithItsFingerprintAndRemoved() {
    long id = keys.add("  laptop ", ED25519);
    assertThat(keys.mine())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.id()).isEqualTo(id);
              assertThat(k.name()).isEqualTo("laptop");
              assertThat(k.type()).isEqualTo("ssh-ed25519");
              assertThat(k.fingerprint())
                  .isEqualTo("SHA256:06IagZEJWqNkXQXQsDI1kMQD1eZ70bBPTdyjX4+vVjY");
              assertThat(k.comment()).isEqualTo("ana@laptop");
            });
    assertThat(keys.linesFor(List.of(id, id))).containsExactly(ED25519);

    keys.remove(id);
    assertThat(keys.mine()).isEmpty();
    assertThatThrownBy(() -> keys.remove(id)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void theSameKeyOrNameTwiceAndBadInputAreRefusedWithTheReasonAndWriteNothing() {
    keys.add("laptop", ED25519);
    refused(() -> keys.add("other name", ED25519), "publicKey", "sshkey.error.duplicate");
    refused(() -> keys.add("LAPTOP", RSA_3072), "name", "sshkey.error.name");
    refused(() -> keys.add("", RSA_3072), "name", "{federa.text.required}");
    refused(() -> keys.add("x".repeat(61), RSA_3072), "name", "{federa.text.length}");
    refused(
        () ->
            keys.add(
                "leaked",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----"),
        "publicKey",
        "sshkey.error.private");
    refused(() -> keys.add("old", TestSshKeys.RSA_1024), "publicKey", "sshkey.error.short");
    assertThat(stored(ana)).isEqualTo(1);
  }

  @Test
  void anotherPersonsKeyDoesNotExistForMe() {
    AuthenticatedUser bob = person("bob");
    PlatformAdminCaller.user = bob;
    long bobs = keys.add("bob", RSA_3072);
    PlatformAdminCaller.user = ana;
    assertThat(keys.mine()).isEmpty();
    assertThatThrownBy(() -> keys.remove(bobs)).isInstanceOf(NotFoundException.class);
    refused(() -> keys.linesFor(List.of(bobs)), "sshKeys", "order.error.sshKey");
    assertThat(stored(bob)).isEqualTo(1);
    // The same key may be in two people's profiles: it is each one's own entry.
    assertThat(keys.add("bob's too", RSA_3072)).isNotEqualTo(bobs);
  }

  /**
   * The limit is checked under the user's row lock: two keys sent at once when one place is left
   * (two browser tabs) give one key, never one too many. Raced 20 times.
   */
  @Test
  void twoKeysSentAtOnceForTheLastPlaceAddOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        AuthenticatedUser racer = person("racer");
        PlatformAdminCaller.user = racer;
        for (int k = 0; k < SshKeys.MAX_PER_USER - 1; k++) {
          keys.add("key-" + k, TestSshKeys.randomEd25519());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> added = new ArrayList<>();
        added.add(pool.submit(adds(start, racer, "tab-1")));
        added.add(pool.submit(adds(start, racer, "tab-2")));
        start.countDown();
        int sum = 0;
        for (Future<Integer> f : added) {
          sum += f.get();
        }
        assertThat(sum).as("keys added in round %d", round).isEqualTo(1);
        assertThat(stored(racer)).isEqualTo(SshKeys.MAX_PER_USER);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Callable<Integer> adds(CountDownLatch start, AuthenticatedUser who, String name) {
    return () -> {
      RequestContextController request = CDI.current().select(RequestContextController.class).get();
      start.await();
      request.activate();
      PlatformAdminCaller.onThisThread.set(who);
      try {
        keys.add(name, TestSshKeys.randomEd25519());
        return 1;
      } catch (InvalidInputException full) {
        assertThat(full.errors())
            .extracting(FieldError::messageKey)
            .containsExactly("sshkey.error.limit");
        return 0;
      } finally {
        PlatformAdminCaller.onThisThread.remove();
        request.deactivate();
      }
    };
  }
}
