package eu.federa.cloud.opennebula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.CloudTransportException.Kind;
import eu.federa.testsupport.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallGuardTest {

  private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final CallGuard guard =
      new CallGuard(
          new CallGuard.Settings(30, 3, Duration.ofMillis(200), 3, Duration.ofSeconds(15)),
          clock,
          d -> {
            sleeps.add(d);
            clock.advance(d);
          });

  private static CloudTransportException refused() {
    return new CloudTransportException("one.hostpool.info", Kind.UNREACHABLE, "refused", null);
  }

  @Test
  void readsAreRetriedWithExponentialBackoffThenSucceed() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        guard.run(
            "one.hostpool.info",
            true,
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw refused();
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(guard.circuit()).isEqualTo(CallGuard.Circuit.CLOSED);
  }

  @Test
  void theObserverIsToldOfEveryCallThatReachedTheProviderOrFailedTo() {
    List<String> seen = new ArrayList<>();
    guard.observe((method, took, outcome) -> seen.add(method + " " + outcome));
    AtomicInteger calls = new AtomicInteger();

    guard.run(
        "one.hostpool.info",
        true,
        () -> {
          if (calls.incrementAndGet() < 2) {
            throw refused();
          }
          return "ok";
        });
    assertThatThrownBy(
            () ->
                guard.run(
                    "one.vm.allocate",
                    false,
                    () -> {
                      throw CloudApiException.of(
                          "one.vm.allocate", CloudApiException.ALLOCATE, "quota", -1);
                    }))
        .isInstanceOf(CloudApiException.class);

    assertThat(seen)
        .containsExactly(
            "one.hostpool.info UNREACHABLE",
            "one.hostpool.info ANSWERED",
            "one.vm.allocate REFUSED");
  }

  @Test
  void writesAreNeverRetried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                guard.run(
                    "one.vm.allocate",
                    false,
                    () -> {
                      calls.incrementAndGet();
                      throw refused();
                    }))
        .isInstanceOf(CloudTransportException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void apiRefusalsAreNotRetriedAndKeepTheCircuitClosed() {
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(
              () ->
                  guard.run(
                      "one.vm.info",
                      true,
                      () -> {
                        calls.incrementAndGet();
                        throw CloudApiException.of(
                            "one.vm.info", CloudApiException.NO_EXISTS, "no", 1);
                      }))
          .isInstanceOf(CloudApiException.NotFound.class);
    }
    assertThat(calls).hasValue(5);
    assertThat(guard.circuit()).isEqualTo(CallGuard.Circuit.CLOSED);
  }

  @Test
  void repeatedFailuresOpenTheCircuitWhichRecoversByItself() {
    assertThatThrownBy(
            () ->
                guard.run(
                    "one.hostpool.info",
                    true,
                    () -> {
                      throw refused();
                    }))
        .isInstanceOf(CloudTransportException.class);
    assertThat(guard.circuit()).isEqualTo(CallGuard.Circuit.OPEN);

    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> guard.run("one.hostpool.info", true, () -> calls.incrementAndGet()))
        .isInstanceOfSatisfying(
            CloudTransportException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CIRCUIT_OPEN);
              // The operator still learns what went wrong, not only that calls are held back.
              assertThat(e.getMessage()).contains("the last: " + refused().getMessage());
            });
    assertThat(calls).hasValue(0);

    clock.advance(Duration.ofSeconds(16));
    assertThat(guard.circuit()).isEqualTo(CallGuard.Circuit.HALF_OPEN);
    assertThat(guard.run("one.hostpool.info", true, () -> "back")).isEqualTo("back");
    assertThat(guard.circuit()).isEqualTo(CallGuard.Circuit.CLOSED);
  }

  @Test
  void aFailedTrialReopensTheCircuitAtOnce() {
    assertThatThrownBy(
        () ->
            guard.run(
                "m",
                true,
                () -> {
                  throw refused();
                }));
    clock.advance(Duration.ofSeconds(16));

    assertThatThrownBy(
        () ->
            guard.run(
                "m",
                false,
                () -> {
                  throw refused();
                }));

    assertThat(guard.circuit()).isEqualTo(CallGuard.Circuit.OPEN);
  }

  @Test
  void noMoreThanThirtyCallsPerSecond() {
    Instant start = clock.instant();
    for (int i = 0; i < 90; i++) {
      guard.run("one.vm.info", true, () -> "x");
    }
    // 30 from the full bucket, then 60 more at 30 per second: about two seconds of waiting.
    assertThat(Duration.between(start, clock.instant()))
        .isBetween(Duration.ofMillis(1900), Duration.ofMillis(2100));
  }

  @Test
  void latencyOfAnsweredCallsIsKept() {
    guard.run(
        "m",
        true,
        () -> {
          clock.advance(Duration.ofMillis(40));
          return 1;
        });
    assertThat(guard.recentLatency()).isEqualTo(Duration.ofMillis(40));
    assertThat(guard.lastSuccess()).isNotNull();
  }
}
