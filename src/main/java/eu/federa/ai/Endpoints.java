package eu.federa.ai;

import eu.federa.provisioning.AiServices;
import eu.federa.provisioning.ServingEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An organisation's inference endpoints and their running replicas as the gateway routes to them,
 * read again after a second: a burst of calls costs one query a second per organisation (one call
 * reads while the others go on with the last read), and a replica that stops or starts is seen
 * within that second (a stopped one also fails its health check at once).
 */
@ApplicationScoped
public class Endpoints {

  private static final Duration FRESH = Duration.ofSeconds(1);

  private record Read(List<ServingEndpoint> endpoints, Instant at, AtomicBoolean rereading) {}

  @Inject AiServices services;
  @Inject Clock clock;

  private final Map<Long, Read> byTenant = new ConcurrentHashMap<>();

  public List<ServingEndpoint> of(long tenantId) {
    Instant now = clock.instant();
    Read known = byTenant.get(tenantId);
    if (known != null
        && (Duration.between(known.at(), now).compareTo(FRESH) < 0
            || !known.rereading().compareAndSet(false, true))) {
      return known.endpoints();
    }
    List<ServingEndpoint> endpoints;
    try {
      endpoints = services.servingEndpoints(tenantId);
    } finally {
      if (known != null) {
        known.rereading().set(false);
      }
    }
    if (byTenant.size() > 10_000) {
      byTenant.clear();
    }
    byTenant.put(tenantId, new Read(endpoints, now, new AtomicBoolean()));
    return endpoints;
  }
}
