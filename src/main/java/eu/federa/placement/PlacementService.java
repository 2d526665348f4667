package eu.federa.placement;

import eu.federa.cloud.registry.HostCapacities;
import eu.federa.cloud.registry.HostCapacity;
import eu.federa.cloud.registry.HostsRead;
import eu.federa.energy.GridIntensities;
import eu.federa.energy.PowerDefaults;
import eu.federa.placement.Decision.Choice;
import eu.federa.platform.metrics.Meters;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Placement against the live inventory: previews (nothing written) and claims (capacity held for an
 * order until provisioning releases it). Claims check each chosen host's generation, so two orders
 * on two nodes can never both take a host's last slot.
 */
@ApplicationScoped
public class PlacementService {

  /**
   * How often {@link #placeAndClaim} decides again after losing a race for a host. Each lost race
   * means another order's claim committed, so a caller loses at most once per concurrent order.
   */
  static final int ATTEMPTS = 25;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject HostCapacities capacities;
  @Inject GridIntensities intensities;
  @Inject CurrentUser caller;
  @Inject TenantAccess access;
  @Inject Clock clock;
  @Inject PlacementService self;
  @Inject Meters meters;

  @Inject LatencyTable latencies;
  @Inject Instance<PriceSource> priceSource;

  /**
   * Checks the form and previews it: for a tenant's workload (any member), within the tenant's
   * residency; without a tenant, as a platform admin's what-if.
   *
   * @throws InvalidInputException for bad input, or countries outside the tenant's residency
   */
  @Transactional
  public Preview preview(PlacementForm form) {
    // Who may ask comes first: a caller without access learns nothing from the form's errors.
    List<String> residency = null;
    if (form.tenantId() == null) {
      caller.requirePlatformAdmin();
    } else {
      residency =
          access
              .require(form.tenantId(), TenantPermission.VIEW)
              .getTenant()
              .getResidency()
              .countries();
    }
    PlacementRequest request = form.toRequest();
    return preview(residency == null ? request : withinResidency(request, residency));
  }

  /** The request narrowed to the tenant's countries (none: anywhere in the federation). */
  public static PlacementRequest withinResidency(PlacementRequest request, List<String> residency) {
    if (residency.isEmpty()) {
      return request;
    }
    if (request.allowedCountries().isEmpty()) {
      return request.inCountries(Set.copyOf(residency));
    }
    Set<String> both = new HashSet<>(request.allowedCountries());
    both.retainAll(residency);
    if (both.isEmpty()) {
      throw new InvalidInputException(
          FieldError.of("countries", "placement.error.residency", String.join(", ", residency)));
    }
    return request.inCountries(both);
  }

  /**
   * Where {@code request} goes now, from the inventory read in this transaction; timed ({@code
   * federa_placement_decisions_seconds}, by whether it was placed), the inventory's reading
   * included.
   */
  private Decision decide(PlacementRequest request) {
    long started = System.nanoTime();
    Decision decision =
        placer().place(request, inventory(prices(request)), Weights.of(request.strategy()));
    meters.time(
        "federa.placement.decisions",
        java.time.Duration.ofNanos(System.nanoTime() - started),
        "outcome",
        decision.placed() ? "placed" : "refused");
    return decision;
  }

  /** The decision and its explanation, without holding anything. */
  @Transactional
  public Preview preview(PlacementRequest request) {
    // One pass: the decision's explanation already lists the best alternatives.
    Decision decision = decide(request);
    return new Preview(request, decision, decision.explanation());
  }

  /**
   * Decides and holds the capacity for {@code orderRef}, in the caller's transaction (with the
   * order's quota reservation).
   *
   * @throws PlacementConflictException when a chosen host changed meanwhile: roll back and retry
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Decision claim(PlacementRequest request, String orderRef) {
    return claimEach(request, Collections.nCopies(request.instances(), orderRef));
  }

  /**
   * {@link #claim} with the capacity of instance {@code i} held for {@code orderRefs.get(i - 1)}
   * (each replica of a service is an order of its own, released when it runs).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Decision claimEach(PlacementRequest request, List<String> orderRefs) {
    if (orderRefs.size() != request.instances()) {
      throw new IllegalArgumentException("One order reference per instance");
    }
    return hold(decide(request), request, orderRefs);
  }

  /**
   * Holds room for {@code orderRef} on one given host, if it has room for the request after
   * Federa's claims (a VM moved there by a rebalancing plan), in the caller's transaction.
   *
   * @return the decision: not placed when the host has no room (or is not usable)
   * @throws PlacementConflictException when the host changed meanwhile: roll back and retry
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Decision claimOnHost(long hostId, PlacementRequest request, String orderRef) {
    List<Candidate> host =
        inventory(prices(request)).stream().filter(c -> c.hostId() == hostId).toList();
    Decision decision = placer().place(request, host, Weights.of(request.strategy()));
    return hold(decision, request, List.of(orderRef));
  }

  private Decision hold(Decision decision, PlacementRequest request, List<String> orderRefs) {
    if (!decision.placed()) {
      return decision;
    }
    Set<Long> taken = new HashSet<>();
    for (Choice choice : decision.choices()) {
      // Several instances on one host: its generation is checked once.
      if (taken.add(choice.hostId())
          && !capacities.takeIfUnchanged(choice.hostId(), choice.generation())) {
        throw new PlacementConflictException(choice.hostId());
      }
    }
    for (Choice choice : decision.choices()) {
      em.createNativeQuery(
              "INSERT INTO placement_claim (order_ref, instance_no, host_id, provider_id, cores,"
                  + " memory_mib, disk_gib, gpu_addresses, created_at)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
          .setParameter(1, orderRefs.get(choice.instance() - 1))
          .setParameter(2, choice.instance())
          .setParameter(3, choice.hostId())
          .setParameter(4, choice.providerId())
          .setParameter(5, BigDecimal.valueOf(request.vcpu()))
          .setParameter(6, request.memoryMib())
          .setParameter(7, request.diskGib())
          .setParameter(8, String.join(",", choice.gpuAddresses()))
          .setParameter(9, clock.instant())
          .executeUpdate();
    }
    return decision;
  }

  /** {@link #claim} in transactions of its own, deciding again after a lost race. */
  public Decision placeAndClaim(PlacementRequest request, String orderRef) {
    for (int attempt = 1; ; attempt++) {
      try {
        return self.claimAlone(request, orderRef);
      } catch (PlacementConflictException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        // A little jitter, so that the losers of one race do not meet again at once.
        try {
          Thread.sleep(ThreadLocalRandom.current().nextInt(1, 4 + attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** One attempt of {@link #placeAndClaim}; public so that the transaction interceptor applies. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Decision claimAlone(PlacementRequest request, String orderRef) {
    return claim(request, orderRef);
  }

  /**
   * The decision for {@code request} at each of {@code providerIds} alone, without holding
   * anything: where a VM could move, one verdict per provider. The inventory is read once.
   */
  @Transactional
  public Map<Long, Decision> previewEach(PlacementRequest request, Collection<Long> providerIds) {
    List<Candidate> inventory = inventory(prices(request));
    Placer placer = placer();
    Map<Long, Decision> decisions = new HashMap<>();
    for (long providerId : providerIds) {
      PlacementRequest there = request.providers(Set.of(providerId), Set.of());
      decisions.put(providerId, placer.place(there, inventory, Weights.of(there.strategy())));
    }
    return decisions;
  }

  /**
   * Places many requests one after the other, each seeing what the ones before it took, without
   * holding anything: the plan of moving a project off a provider or evacuating one.
   */
  @Transactional
  public List<Decision> planEach(List<PlacementRequest> requests) {
    Map<String, Map<Long, BigDecimal>> bySize = new HashMap<>();
    return new SequencePlanner(placer())
        .planEach(
            requests,
            inventory(),
            r ->
                bySize.computeIfAbsent(
                    r.vcpu()
                        + "/"
                        + r.memoryMib()
                        + "/"
                        + r.diskGib()
                        + "/"
                        + r.gpus()
                        + "/"
                        + r.gpuModel()
                        + "/"
                        + r.publicAddress(),
                    size -> prices(r)));
  }

  /**
   * For each request, the providers its provider-level constraints allow, capacity aside (the
   * rebalancing plan's moves to another provider keep to an order's own choices with it); the
   * inventory is read once.
   */
  @Transactional
  public <K> Map<K, Set<Long>> providersAllowing(Map<K, PlacementRequest> requests) {
    if (requests.isEmpty()) {
      return Map.of();
    }
    List<Candidate> inventory = inventory();
    Placer placer = placer();
    Map<K, Set<Long>> allowed = new HashMap<>();
    requests.forEach(
        (key, request) -> allowed.put(key, placer.providersAllowing(request, inventory)));
    return allowed;
  }

  /** The engine with the operator's measured latencies (read per decision: nodes share them). */
  private Placer placer() {
    Map<String, Map<Long, Double>> measured = latencies.measurements();
    return new Placer(
        measured.isEmpty()
            ? LatencyModel.DEFAULT
            : LatencyModel.DEFAULT.withMeasurements(measured));
  }

  /**
   * Whether a host has room for a VM on it to grow by this much (a resize in place), after Federa's
   * claims.
   */
  @Transactional
  public boolean hasRoomOnHost(long hostId, double moreCores, long moreMemoryMib) {
    return inventory().stream()
        .filter(c -> c.hostId() == hostId)
        .anyMatch(
            c ->
                c.freeCores() + 1e-9 >= Math.max(0, moreCores)
                    && c.freeMemoryMib() >= Math.max(0, moreMemoryMib));
  }

  /**
   * The order's VM runs on the host it claimed (or was moved there): the provider counts it there
   * from now on, but Federa's numbers for the host are only as recent as its last sync. The claim
   * stays, settled, until a sync that read the host after this moment ({@link #hostsRead}) or until
   * the VM is gone ({@link #vmGone}); freed at once, the host would look empty of the VM until the
   * next sync and take orders it has no room for. A settled claim no longer counts as the order's
   * claim: the order may claim again at once (a resize onto another host).
   */
  @Transactional
  public int settle(String orderRef) {
    Instant now = clock.instant();
    int settled = 0;
    for (long id : claimIds(orderRef, true)) {
      settled +=
          em.createNativeQuery(
                  "UPDATE placement_claim SET settled_at = ?1 WHERE id = ?2 AND settled_at IS NULL")
              .setParameter(1, now)
              .setParameter(2, id)
              .executeUpdate();
    }
    return settled;
  }

  /**
   * The ids of the order's claims (only those not settled, or all), found by a plain read. Each is
   * then changed by its key, which locks that row alone: a statement selecting by order would lock
   * the index range around the order's claims too, and a placement for another order of the tenant
   * (holding its quota's lock and share locks on its reservations) would wait to insert its claim
   * there while this transaction waits for a reservation: a deadlock between two nodes.
   */
  private List<Long> claimIds(String orderRef, boolean unsettledOnly) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM placement_claim WHERE order_ref = ?1"
                    + (unsettledOnly ? " AND settled_at IS NULL" : ""))
            .setParameter(1, orderRef)
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }

  /**
   * A provider's hosts were read after these claims settled: their VMs are in the hosts' numbers
   * now (a provider counts a VM on its host from its deployment, which came before Federa saw it
   * run and settled the claim), so the claims go, in the transaction that stores the numbers. The
   * rows are found by a plain read and deleted by key, so that other orders' claims are not blocked
   * meanwhile.
   */
  void hostsRead(@Observes HostsRead read) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM placement_claim WHERE provider_id = ?1 AND settled_at IS NOT NULL"
                    + " AND settled_at < ?2")
            .setParameter(1, read.providerId())
            .setParameter(2, read.readAt())
            .getResultList();
    for (Number id : ids) {
      em.createNativeQuery("DELETE FROM placement_claim WHERE id = ?1")
          .setParameter(1, id.longValue())
          .executeUpdate();
    }
  }

  /**
   * Frees what is held for the order and not used by a VM of it yet (it failed before running,
   * waits for approval, or a move or resize that held room elsewhere was given up). A settled claim
   * stays: its VM still runs where it settled.
   */
  @Transactional
  public int release(String orderRef) {
    return deleteClaims(orderRef, true);
  }

  /**
   * The order's VM is gone from its provider (terminated, compensated, vanished): everything held
   * for it goes, settled or not. The host's synced numbers may still count the VM until the next
   * sync; that errs on the side of room.
   */
  @Transactional
  public int vmGone(String orderRef) {
    return deleteClaims(orderRef, false);
  }

  /** Deletes the order's claims (only those not settled, or all), each by its key. */
  private int deleteClaims(String orderRef, boolean unsettledOnly) {
    int deleted = 0;
    for (long id : claimIds(orderRef, unsettledOnly)) {
      deleted +=
          em.createNativeQuery(
                  "DELETE FROM placement_claim WHERE id = ?1"
                      + (unsettledOnly ? " AND settled_at IS NULL" : ""))
              .setParameter(1, id)
              .executeUpdate();
    }
    return deleted;
  }

  /** Each provider's price of one instance per hour, from billing's price lists (if deployed). */
  private Map<Long, BigDecimal> prices(PlacementRequest request) {
    return priceSource.isResolvable() ? priceSource.get().hourlyPrices(request) : Map.of();
  }

  /** The synced inventory minus what Federa's claims hold, without prices. */
  List<Candidate> inventory() {
    return inventory(Map.of());
  }

  /** The synced inventory minus what Federa's claims hold, with each provider's price. */
  List<Candidate> inventory(Map<Long, BigDecimal> prices) {
    Map<Long, Held> held = new HashMap<>();
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                "SELECT host_id, cores, memory_mib, disk_gib, gpu_addresses FROM placement_claim"));
    for (Row row : rows) {
      Held h = held.computeIfAbsent(row.lng(0), id -> new Held());
      h.cores += row.dbl(1);
      h.memoryMib += row.lng(2);
      h.diskGib += row.lng(3);
      for (String address : String.valueOf(row.str(4)).split(",")) {
        if (!address.isBlank()) {
          h.gpus.add(address);
        }
      }
    }
    List<HostCapacity> hosts = capacities.all();
    GridIntensities.Table grid = intensities.table();
    List<Candidate> candidates = new ArrayList<>(hosts.size());
    for (HostCapacity host : hosts) {
      Held h = held.getOrDefault(host.hostId(), Held.NONE);
      List<Candidate.Gpu> gpus = new ArrayList<>();
      for (HostCapacity.FreeGpu gpu : host.freeGpus()) {
        if (!h.gpus.contains(gpu.shortAddress())) {
          gpus.add(new Candidate.Gpu(gpu.shortAddress(), gpu.pciClass(), gpu.deviceName()));
        }
      }
      candidates.add(
          new Candidate(
              host.hostId(),
              host.generation(),
              host.hostName(),
              host.clusterId(),
              host.clusterName(),
              host.providerId(),
              host.providerName(),
              host.countryCode(),
              Set.copyOf(host.certifications()),
              host.edgeSite(),
              new GeoPoint(host.latitude().doubleValue(), host.longitude().doubleValue()),
              host.usable(),
              host.monitored(),
              host.freeCores() - h.cores,
              host.freeMemoryMib() - h.memoryMib,
              host.freeDiskMib() - h.diskGib * 1024,
              host.totalCores(),
              gpus,
              prices.get(host.providerId()),
              host.publicAddresses(),
              grid.gramsCo2ePerKwh(host.countryCode())
                  * (host.pue() == null ? PowerDefaults.PUE : host.pue().doubleValue()),
              host.forecastPeakCpuPercent()));
    }
    return candidates;
  }

  /** What the claims on one host hold. */
  private static final class Held {
    static final Held NONE = new Held();
    double cores;
    long memoryMib;
    long diskGib;
    final Set<String> gpus = new HashSet<>();
  }

  /**
   * A decision with the explanation of its first instance (top alternatives included).
   *
   * @param request the request as decided, after the tenant's residency was applied
   */
  public record Preview(
      PlacementRequest request, Decision decision, Decision.Explanation explanation)
      implements Serializable {}
}
