package eu.federa.testsupport;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that run inside WildFly. Each deploys {@link Deployments#inContainer()}, the
 * one archive of them all (deployed once for all of them), starts with the platform admin signed
 * in, and waits only for conditions, through {@link #eventually} and {@link #throughout}: never for
 * a fixed time.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class InContainerTest {

  /** Each test starts with the platform admin signed in, whatever the test before changed. */
  @BeforeEach
  void signInThePlatformAdmin() {
    PlatformAdminCaller.reset();
  }

  /**
   * Awaitility as in-container tests need it: the condition is evaluated in the test's own thread
   * (it has the request context and the caller), at once and then every 100 ms.
   */
  protected static ConditionFactory eventually(Duration atMost) {
    return Awaitility.await()
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .atMost(atMost);
  }

  /**
   * For a condition that must keep holding for {@code period}, e.g. "nothing is deployed while the
   * order waits for approval": checked every 100 ms for the whole period.
   */
  protected static ConditionFactory throughout(Duration period) {
    return Awaitility.await()
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(100))
        .during(period)
        .atMost(period.plusSeconds(5));
  }
}
