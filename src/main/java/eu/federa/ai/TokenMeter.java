package eu.federa.ai;

import eu.federa.billing.Metering;
import eu.federa.billing.TokenRecord;
import eu.federa.provisioning.ServingEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the tokens of each answered request through the gateway, before the answer completes (the
 * last bytes of a stream, the body of any other answer): a node that dies after answering has
 * written them, and a request whose tokens cannot be written is not answered.
 */
@ApplicationScoped
public class TokenMeter {

  @Inject Metering metering;
  @Inject RateLimits limits;
  @Inject Clock clock;

  private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.EPOCH);

  /** Records one request's tokens on its key, project, endpoint, model and provider. */
  @Transactional
  public void record(Relay.Call call, ServingEndpoint.Replica replica, TokenCount count) {
    GatewayCaller caller = call.caller();
    ServingEndpoint endpoint = call.endpoint();
    Instant started = call.started();
    Instant ended = clock.instant();
    metering.recordTokens(
        new TokenRecord(
            caller.tenantId(),
            caller.projectId(),
            endpoint.serviceId(),
            caller.keyId(),
            endpoint.modelCode(),
            replica.providerId(),
            replica.providerName(),
            replica.countryCode(),
            started,
            ended.isBefore(started) ? started : ended,
            count.inputTokens(),
            count.outputTokens(),
            count.estimated(),
            call.requestId()));
    if (caller.limited()) {
      limits.spend(caller, started, count.total());
    }
  }

  /** Drops old rate windows, at most every ten minutes on a node. */
  void pruneNowAndThen() {
    Instant now = clock.instant();
    Instant last = lastPrune.get();
    if (Duration.between(last, now).toMinutes() >= 10 && lastPrune.compareAndSet(last, now)) {
      limits.prune();
    }
  }
}
