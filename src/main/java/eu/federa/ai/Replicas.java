package eu.federa.ai;

import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.platform.config.Setting;
import eu.federa.provisioning.ServingEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the gateway sends a request of an endpoint: to a replica whose model server answers its
 * health check (a VM that runs is not yet a server that serves), the one with the fewest requests
 * outstanding from this node. Readiness and the counts are this node's view of the replicas, not
 * business state: another node keeps its own and may route differently.
 */
@ApplicationScoped
public class Replicas {

  private static final Logger LOG = Logger.getLogger(Replicas.class.getName());

  /** A ready replica is checked again after this long; one that was not, sooner. */
  private static final Duration READY_FOR = Duration.ofSeconds(5);

  private static final Duration NOT_READY_FOR = Duration.ofSeconds(1);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  /** How long a call waits for a connection (a busy server accepts late, a health check not). */
  private static final Duration CALL_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration FRONT_ENDS_FOR = Duration.ofSeconds(30);

  /** A replica with the address of its model server (no trailing slash). */
  public record Target(ServingEndpoint.Replica replica, String baseUrl) {}

  private record Readiness(boolean ready, Instant checkedAt) {}

  private record FrontEnds(Map<Long, String> byProvider, Instant readAt) {}

  @Inject ProviderDirectory providers;
  @Inject Clock clock;

  private final Map<String, Readiness> readiness = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
  private volatile FrontEnds frontEnds = new FrontEnds(Map.of(), Instant.EPOCH);

  /**
   * A connection to a replica's model server, not yet sent: the JDK's blocking HTTP/1.1 client,
   * which runs on the calling thread and keeps connections open between calls (up to {@code
   * http.maxConnections} idle ones per server, set by the server's configuration). {@code
   * readTimeout} bounds the wait for the answer to begin and every silence within it.
   */
  HttpURLConnection open(String url, String method, Duration readTimeout) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
    c.setRequestMethod(method);
    Duration connect = "GET".equals(method) ? HEALTH_TIMEOUT : CALL_CONNECT_TIMEOUT;
    c.setConnectTimeout((int) Math.min(connect.toMillis(), readTimeout.toMillis()));
    c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
    c.setUseCaches(false);
    c.setInstanceFollowRedirects(false);
    return c;
  }

  /** The endpoint's ready replicas, least busy first (ties in random order). */
  public List<Target> ready(ServingEndpoint endpoint) {
    List<Target> ready = new ArrayList<>();
    String template = Setting.AI_REPLICA_URL.value();
    for (ServingEndpoint.Replica r : endpoint.replicas()) {
      String base = baseUrl(template, r);
      if (base != null && isReady(base)) {
        ready.add(new Target(r, base));
      }
    }
    java.util.Collections.shuffle(ready, ThreadLocalRandom.current());
    ready.sort(Comparator.comparingInt(t -> load(t.baseUrl()).get()));
    return ready;
  }

  /** A request to the target begins; {@link #done} must follow. */
  void begin(Target t) {
    load(t.baseUrl()).incrementAndGet();
  }

  void done(Target t) {
    load(t.baseUrl()).decrementAndGet();
  }

  /** The replica refused a connection or timed out: not used until its health check passes. */
  void down(Target t) {
    readiness.put(t.baseUrl(), new Readiness(false, clock.instant()));
  }

  private AtomicInteger load(String base) {
    return outstanding.computeIfAbsent(base, k -> new AtomicInteger());
  }

  private boolean isReady(String base) {
    Instant now = clock.instant();
    Readiness known = readiness.get(base);
    if (known != null
        && Duration.between(known.checkedAt(), now)
                .compareTo(known.ready() ? READY_FOR : NOT_READY_FOR)
            < 0) {
      return known.ready();
    }
    boolean ready = probe(base);
    readiness.put(base, new Readiness(ready, now));
    return ready;
  }

  /** OpenAI-compatible servers (vLLM among them) answer {@code GET /health} with 200 when ready. */
  private boolean probe(String base) {
    try {
      HttpURLConnection health = open(base + "/health", "GET", HEALTH_TIMEOUT);
      int status = health.getResponseCode();
      try (InputStream body = status >= 400 ? health.getErrorStream() : health.getInputStream()) {
        if (body != null) {
          body.readNBytes(4096);
        }
      }
      return status == 200;
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.FINE, e, () -> "Replica at " + base + " is not ready");
      return false;
    }
  }

  /** The replica's model server address, from FEDERA_AI_REPLICA_URL. */
  String baseUrl(ServingEndpoint.Replica r) {
    return baseUrl(Setting.AI_REPLICA_URL.value(), r);
  }

  private record Address(String template, String frontEnd, String ip) {}

  /** Addresses made before (every call routes over the same few replicas). */
  private final Map<Address, Optional<String>> addresses = new ConcurrentHashMap<>();

  private String baseUrl(String template, ServingEndpoint.Replica r) {
    Address a =
        new Address(
            template,
            template.contains("{front-end}") ? frontEnd(r.providerId()) : null,
            r.ipAddress());
    if (addresses.size() > 10_000) {
      addresses.clear(); // a bound on memory; made again
    }
    return addresses
        .computeIfAbsent(a, k -> ProviderDirectory.applianceUrl(k.template(), k.frontEnd(), k.ip()))
        .orElse(null);
  }

  private String frontEnd(long providerId) {
    FrontEnds known = frontEnds;
    Instant now = clock.instant();
    if (!known.byProvider().containsKey(providerId)
        || Duration.between(known.readAt(), now).compareTo(FRONT_ENDS_FOR) > 0) {
      known = new FrontEnds(Map.copyOf(providers.frontEnds()), now);
      frontEnds = known;
    }
    return known.byProvider().get(providerId);
  }
}
