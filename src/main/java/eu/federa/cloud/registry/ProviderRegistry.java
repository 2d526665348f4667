package eu.federa.cloud.registry;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.audit.Changes;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.security.Secrets;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.NoResultException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The federation's providers, managed by platform admins. A provider is saved only when its form is
 * valid, its name is free and its endpoint answers as OpenNebula with the given credentials.
 */
@ApplicationScoped
public class ProviderRegistry {

  @Inject HostUtilisationHistory history;
  @Inject HostPowers powers;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject Secrets secrets;

  /**
   * Locks the providers' rows, in id order, until the caller's transaction ends: work that must
   * count what is under way at a provider before adding to it (a move's start) takes this first, so
   * that two nodes deciding at the same instant decide one after the other. A locking read: the
   * caller's later reads see what the previous holder committed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lockRows(java.util.Collection<Long> providerIds) {
    if (!providerIds.isEmpty()) {
      em.createNativeQuery("SELECT id FROM provider WHERE id IN (?1) ORDER BY id FOR UPDATE")
          .setParameter(1, List.copyOf(new java.util.TreeSet<>(providerIds)))
          .getResultList();
    }
  }

  /** Every provider with its health and free capacity, from the last sync (no provider call). */
  @Transactional
  public List<ProviderOverview> overview() {
    caller.requirePlatformAdmin();
    return overviewOf(null);
  }

  List<ProviderOverview> overviewOf(Long onlyId) {
    Map<Long, Capacity> byProvider = new HashMap<>();
    Row.all(
            em.createQuery(
                "select h.providerId, count(h), sum(case when h.stateCode = 2 then h.maxCpuPercent - h.allocatedCpuPercent else 0 end),"
                    + " sum(case when h.stateCode = 2 then h.maxMemoryKib - h.allocatedMemoryKib else 0 end),"
                    + " sum(case when h.stateCode = 2 then h.gpuFree else 0 end), sum(h.gpuTotal)"
                    + " from ProviderHost h group by h.providerId"))
        .forEach(
            row ->
                byProvider.put(
                    row.lng(0),
                    new Capacity(
                        row.lngOrZero(1),
                        row.lngOrZero(2),
                        row.lngOrZero(3),
                        row.lngOrZero(4),
                        row.lngOrZero(5))));
    var query =
        em.createQuery(
            "select p, s from Provider p left join ProviderStatus s on s.providerId = p.id"
                + (onlyId == null ? "" : " where p.id = :id")
                + " order by p.countryCode, p.name",
            Object[].class);
    if (onlyId != null) {
      query.setParameter("id", onlyId);
    }
    List<Row> rows = Row.all(query);
    List<ProviderOverview> result = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Provider p = row.get(0, Provider.class);
      ProviderStatus s = row.get(1, ProviderStatus.class);
      Capacity c = byProvider.getOrDefault(p.getId(), Capacity.NONE);
      result.add(
          new ProviderOverview(
              p.getId(),
              p.getName(),
              p.getCountryCode(),
              p.getCity(),
              p.isEdgeSite(),
              p.isEnabled(),
              p.getCertifications(),
              s != null && s.isReachable(),
              s == null ? null : s.getApiVersion(),
              s == null ? null : s.getLastSyncAt(),
              s == null ? null : s.getLastError(),
              s == null ? null : s.getLastErrorKind(),
              s == null ? null : s.getLatencyMs(),
              s == null ? "CLOSED" : s.getCircuit(),
              c.hosts(),
              c.freeCpuPercent() / 100.0,
              c.freeMemoryKib() / 1024,
              c.gpusFree(),
              c.gpusTotal()));
    }
    return result;
  }

  /** What a provider's hosts add up to (free on the hosts that are on). */
  private record Capacity(
      long hosts, long freeCpuPercent, long freeMemoryKib, long gpusFree, long gpusTotal) {
    static final Capacity NONE = new Capacity(0, 0, 0, 0, 0);
  }

  /** A provider with its inventory; empty when there is none with that id. */
  @Transactional
  public Optional<ProviderDetail> detail(long id) {
    caller.requirePlatformAdmin();
    Provider provider = em.find(Provider.class, id);
    if (provider == null) {
      return Optional.empty();
    }
    List<ProviderCluster> clusters =
        em.createQuery(
                "select c from ProviderCluster c where c.providerId = :id order by c.name",
                ProviderCluster.class)
            .setParameter("id", id)
            .getResultList();
    return Optional.of(new ProviderDetail(provider, em.find(ProviderStatus.class, id), clusters));
  }

  /**
   * One page of the provider's hosts by name, with how many there are, from the last sync (platform
   * admins; an unknown provider has none).
   */
  @Transactional
  public ResultPage<HostLine> hosts(long providerId, int first, int max) {
    caller.requirePlatformAdmin();
    long total =
        em.createQuery("select count(h) from ProviderHost h where h.providerId = :id", Long.class)
            .setParameter("id", providerId)
            .getSingleResult();
    List<Long> ids =
        max <= 0 || total == 0
            ? List.of()
            : ResultPage.window(
                    em.createQuery(
                            "select h.id from ProviderHost h where h.providerId = :id"
                                + " order by h.name, h.id",
                            Long.class)
                        .setParameter("id", providerId),
                    first,
                    max)
                .getResultList();
    if (ids.isEmpty()) {
      return new ResultPage<>(List.of(), total);
    }
    Map<Long, ProviderHost> byId = new HashMap<>();
    em.createQuery(
            "select distinct h from ProviderHost h left join fetch h.gpus where h.id in :ids",
            ProviderHost.class)
        .setParameter("ids", ids)
        .getResultList()
        .forEach(h -> byId.put(h.getId(), h));
    Map<Integer, HostUtilisationHistory.Recent> use =
        history.recent(
            providerId,
            byId.values().stream().map(ProviderHost::getOneHostId).toList(),
            clock.instant().minus(Duration.ofHours(24)));
    Map<Integer, HostPowers.Power> power =
        powers.of(providerId, byId.values().stream().map(ProviderHost::getOneHostId).toList());
    return new ResultPage<>(
        ids.stream()
            .map(id -> byId.get(id))
            .map(h -> HostLine.of(h, use.get(h.getOneHostId()), power.get(h.getOneHostId())))
            .toList(),
        total);
  }

  /**
   * What an energy estimate needs of a host and its provider.
   *
   * @param pue the provider's, or null for the default
   * @param hostIdleWatts the host's power when idle (its own, else its provider's), or null for the
   *     default of its class
   * @param hostFullWatts likewise when fully busy
   * @param cpuUsePercent the host's mean CPU use over the last day, or null without history
   * @param heldGpuUsePercent the mean use of the host's GPUs while VMs held them, over the last day
   *     (from its VMs' monitoring), or null without GPU figures or with no GPU held
   */
  public record HostEnergy(
      long providerId,
      String countryCode,
      boolean edgeSite,
      BigDecimal pue,
      Integer hostIdleWatts,
      Integer hostFullWatts,
      double totalCores,
      Double cpuUsePercent,
      Double heldGpuUsePercent)
      implements java.io.Serializable {}

  /** The energy facts of a host (by the registry's id); empty when it is gone. */
  @Transactional
  public Optional<HostEnergy> hostEnergy(long hostId) {
    return Optional.ofNullable(hostEnergy(List.of(hostId)).get(hostId));
  }

  /**
   * The energy facts of the hosts (by the registry's id) that still exist, by id: one statement for
   * the hosts, one for their providers, two per provider for the day's use and the hosts' own power
   * models.
   */
  @Transactional
  public Map<Long, HostEnergy> hostEnergy(java.util.Collection<Long> hostIds) {
    if (hostIds.isEmpty()) {
      return Map.of();
    }
    List<ProviderHost> hosts =
        em.createQuery("select h from ProviderHost h where h.id in :ids", ProviderHost.class)
            .setParameter("ids", Set.copyOf(hostIds))
            .getResultList();
    Map<Long, List<ProviderHost>> byProvider = new HashMap<>();
    hosts.forEach(
        h -> byProvider.computeIfAbsent(h.getProviderId(), p -> new ArrayList<>()).add(h));
    Map<Long, Provider> providers = new HashMap<>();
    if (!byProvider.isEmpty()) {
      em.createQuery("select p from Provider p where p.id in :ids", Provider.class)
          .setParameter("ids", byProvider.keySet())
          .getResultList()
          .forEach(p -> providers.put(p.getId(), p));
    }
    Instant since = clock.instant().minus(Duration.ofHours(24));
    Map<Long, HostEnergy> result = new HashMap<>();
    for (Map.Entry<Long, List<ProviderHost>> group : byProvider.entrySet()) {
      Provider provider = providers.get(group.getKey());
      if (provider == null) {
        continue;
      }
      Map<Integer, HostUtilisationHistory.Recent> use =
          history.recent(
              provider.getId(),
              group.getValue().stream().map(ProviderHost::getOneHostId).toList(),
              since);
      Map<Integer, HostPowers.Power> power =
          powers.of(
              provider.getId(), group.getValue().stream().map(ProviderHost::getOneHostId).toList());
      for (ProviderHost host : group.getValue()) {
        HostUtilisationHistory.Recent recent = use.get(host.getOneHostId());
        // The host's own model over its provider's (and that over its class's default).
        HostPowers.Power own = power.get(host.getOneHostId());
        result.put(
            host.getId(),
            new HostEnergy(
                provider.getId(),
                provider.getCountryCode(),
                provider.isEdgeSite(),
                provider.getPue(),
                own != null ? Integer.valueOf(own.idleWatts()) : provider.getHostIdleWatts(),
                own != null ? Integer.valueOf(own.fullWatts()) : provider.getHostFullWatts(),
                host.getTotalCores(),
                recent == null ? null : recent.cpuPercent(),
                recent == null ? null : recent.heldGpuPercent()));
      }
    }
    return result;
  }

  /**
   * What an estimate of hours used at a provider needs: its facts, its hosts' mean cores, their own
   * power models, and their use over the period.
   *
   * @param hosts how many hosts it has now
   * @param ownPowers the power models of those of its hosts that have their own (the others draw
   *     the provider's)
   * @param cpuUsePercent its hosts' mean CPU use over the period, null without history
   * @param heldGpuUsePercent the mean use of its GPUs while VMs held them over the period, null
   *     without GPU figures
   */
  public record ProviderEnergy(
      long providerId,
      String countryCode,
      boolean edgeSite,
      BigDecimal pue,
      Integer hostIdleWatts,
      Integer hostFullWatts,
      double meanHostCores,
      int hosts,
      List<HostPowers.Power> ownPowers,
      Double cpuUsePercent,
      Double heldGpuUsePercent)
      implements java.io.Serializable {}

  /**
   * The energy facts of the providers named (as invoices name them), by name; a provider renamed or
   * removed since is left out. A fixed number of statements.
   */
  @Transactional
  public Map<String, ProviderEnergy> providerEnergy(
      java.util.Collection<String> names, Instant from, Instant to) {
    if (names.isEmpty()) {
      return Map.of();
    }
    List<Provider> found =
        em.createQuery("select p from Provider p where p.name in :names", Provider.class)
            .setParameter("names", Set.copyOf(names))
            .getResultList();
    if (found.isEmpty()) {
      return Map.of();
    }
    List<Long> ids = found.stream().map(Provider::getId).toList();
    Map<Long, Double> cores = new HashMap<>();
    Map<Long, Integer> hostCounts = new HashMap<>();
    for (Object[] r :
        em.createQuery(
                "select h.providerId, avg(h.maxCpuPercent), count(h) from ProviderHost h"
                    + " where h.providerId in :ids group by h.providerId",
                Object[].class)
            .setParameter("ids", ids)
            .getResultList()) {
      cores.put((Long) r[0], ((Number) r[1]).doubleValue() / 100);
      hostCounts.put((Long) r[0], ((Number) r[2]).intValue());
    }
    Map<Long, List<HostPowers.Power>> own = powers.ofProvidersHosts(ids);
    Map<Long, HostUtilisationHistory.ProviderUse> use = history.providerMeans(ids, from, to);
    Map<String, ProviderEnergy> result = new HashMap<>();
    for (Provider p : found) {
      HostUtilisationHistory.ProviderUse u = use.get(p.getId());
      result.put(
          p.getName(),
          new ProviderEnergy(
              p.getId(),
              p.getCountryCode(),
              p.isEdgeSite(),
              p.getPue(),
              p.getHostIdleWatts(),
              p.getHostFullWatts(),
              cores.getOrDefault(p.getId(), 0.0),
              hostCounts.getOrDefault(p.getId(), 0),
              own.getOrDefault(p.getId(), List.of()),
              u == null ? null : u.cpuPercent(),
              u == null ? null : u.heldGpuPercent()));
    }
    return result;
  }

  /** A provider's energy facts as platform admins give them (each null: Federa's default). */
  public record EnergyForm(BigDecimal pue, Integer hostIdleWatts, Integer hostFullWatts)
      implements java.io.Serializable {}

  /**
   * Sets a provider's PUE and its hosts' power (platform admins; audited).
   *
   * @throws InvalidInputException for a PUE outside 1 to 3, or watts outside 0 to 20,000 or idle
   *     above full
   * @throws NotFoundException for an unknown provider
   */
  @Transactional
  public EnergyForm setEnergy(long providerId, EnergyForm form) {
    caller.requirePlatformAdmin();
    Provider provider = em.find(Provider.class, providerId, LockModeType.PESSIMISTIC_WRITE);
    if (provider == null) {
      throw new NotFoundException("provider", providerId);
    }
    List<FieldError> errors = new ArrayList<>();
    BigDecimal pue = form.pue();
    if (pue != null
        && (pue.compareTo(BigDecimal.ONE) < 0 || pue.compareTo(BigDecimal.valueOf(3)) > 0)) {
      errors.add(FieldError.of("pue", "energy.error.pue"));
    }
    errors.addAll(
        HostPowers.errors(
            "hostIdleWatts", form.hostIdleWatts(), "hostFullWatts", form.hostFullWatts()));
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    BigDecimal scaled = pue == null ? null : pue.setScale(2, java.math.RoundingMode.HALF_UP);
    String before =
        AuditDetail.energy(
            provider.getPue(), provider.getHostIdleWatts(), provider.getHostFullWatts());
    provider.energy(scaled, form.hostIdleWatts(), form.hostFullWatts());
    audit.success(
        AuditAction.PROVIDER_ENERGY_CHANGED,
        null,
        AuditTarget.Kind.PROVIDER.of(providerId),
        AuditDetail.PROVIDER_ENERGY.text(
            before, AuditDetail.energy(scaled, form.hostIdleWatts(), form.hostFullWatts())));
    return new EnergyForm(scaled, form.hostIdleWatts(), form.hostFullWatts());
  }

  /**
   * Registers a provider after checking the form and trying the endpoint.
   *
   * @throws ProviderRejectedException with every problem found; nothing is saved
   */
  @Transactional
  public long register(ProviderForm form) {
    caller.requirePlatformAdmin();
    rejectIfAny(formProblems(form, true, null));
    rejectIfAny(
        ConnectionCheck.asList(
            ConnectionCheck.problem(form.endpointUrl(), form.apiUsername(), form.apiSecret())));
    long id = save(form);
    audit.success(
        AuditAction.PROVIDER_REGISTERED,
        null,
        AuditTarget.Kind.PROVIDER.of(id),
        Changes.created(form, ProviderForm.SECRETS));
    return id;
  }

  /** Registers without trying the endpoint: for the demo federation loaded at start. */
  @Transactional
  long registerTrusted(ProviderForm form) {
    rejectIfAny(formProblems(form, true, null));
    return save(form);
  }

  private long save(ProviderForm form) {
    Provider provider = new Provider(form, secrets.seal().seal(form.apiSecret()), clock.instant());
    try {
      em.persist(provider);
      em.flush();
    } catch (PersistenceException e) {
      // Two admins saving the same name at once: the unique key decides.
      throw new ProviderRejectedException(
          List.of(FieldError.of("name", "provider.error.nameTaken", form.name())));
    }
    em.persist(new ProviderStatus(provider.getId(), clock.instant()));
    return provider.getId();
  }

  /** Changes a provider; a blank secret keeps the stored one, a changed endpoint is tried first. */
  @Transactional
  public void update(long id, ProviderForm form) {
    caller.requirePlatformAdmin();
    Provider provider = em.find(Provider.class, id);
    if (provider == null) {
      throw new ProviderNotFoundException(id);
    }
    rejectIfAny(formProblems(form, false, id));
    ProviderForm before = formOf(provider);
    boolean secretGiven = form.apiSecret() != null && !form.apiSecret().isBlank();
    if (!secretGiven && !provider.getEndpointUrl().equals(form.endpointUrl().trim())) {
      // The stored secret is never sent to an address it was not given for.
      rejectIfAny(List.of(FieldError.of("apiSecret", "provider.error.secretForNewEndpoint")));
    }
    String stored = secrets.seal().open(provider.sealedSecret());
    String secret = secretGiven ? form.apiSecret() : stored;
    boolean connectionChanged =
        !provider.getEndpointUrl().equals(form.endpointUrl().trim())
            || !provider.getApiUsername().equals(form.apiUsername().trim())
            || !secret.equals(stored);
    if (connectionChanged) {
      rejectIfAny(
          ConnectionCheck.asList(
              ConnectionCheck.problem(form.endpointUrl(), form.apiUsername(), secret)));
    }
    provider.apply(form, secretGiven ? secrets.seal().seal(form.apiSecret()) : null);
    ProviderStatus status = em.find(ProviderStatus.class, id);
    if (status != null) {
      status.syncAgainAt(clock.instant());
    }
    audit.success(
        AuditAction.PROVIDER_CHANGED,
        null,
        AuditTarget.Kind.PROVIDER.of(id),
        Changes.between(
            before,
            formOf(provider),
            Set.of(),
            secretGiven && !secret.equals(stored)
                ? List.of(Changes.secretChanged("apiSecret"))
                : List.of()));
  }

  /**
   * Every enabled provider's register, for anyone (Data Act Art. 28: published, no sign-in), by
   * country and name.
   */
  @Transactional
  public List<SovereigntyRegister> publicRegister() {
    return enabled().stream().map(Provider::register).toList();
  }

  /** The enabled providers, by country and name (their public facts: register, sites). */
  @Transactional
  public List<Provider> enabled() {
    return em.createQuery(
            "select p from Provider p where p.enabled order by p.countryCode, p.name",
            Provider.class)
        .getResultList();
  }

  /**
   * Changes a provider's register (platform admins); audited.
   *
   * @throws ProviderRejectedException with every problem found; nothing is saved
   */
  @Transactional
  public SovereigntyRegister changeRegister(long id, SovereigntyRegister.Change change) {
    caller.requirePlatformAdmin();
    Provider provider = em.find(Provider.class, id);
    if (provider == null) {
      throw new ProviderNotFoundException(id);
    }
    rejectIfAny(change.problems());
    SovereigntyRegister before = provider.register();
    provider.changeRegister(change);
    SovereigntyRegister register = provider.register();
    audit.success(
        AuditAction.PROVIDER_REGISTER_CHANGED,
        null,
        AuditTarget.Kind.PROVIDER.of(id),
        Changes.of(register.providerName(), Changes.between(before, register, Set.of())));
    return register;
  }

  /** Sets a register without a caller: for the demo federation loaded at start. */
  @Transactional
  void changeRegisterTrusted(long id, SovereigntyRegister.Change change) {
    rejectIfAny(change.problems());
    em.find(Provider.class, id).changeRegister(change);
  }

  /** A provider's register (platform admins, for the form that changes it). */
  @Transactional
  public SovereigntyRegister registerOf(long id) {
    caller.requirePlatformAdmin();
    Provider provider = em.find(Provider.class, id);
    if (provider == null) {
      throw new ProviderNotFoundException(id);
    }
    return provider.register();
  }

  @Transactional
  public void setEnabled(long id, boolean enabled) {
    caller.requirePlatformAdmin();
    Provider provider = em.find(Provider.class, id);
    if (provider == null) {
      throw new ProviderNotFoundException(id);
    }
    boolean before = provider.isEnabled();
    provider.setEnabled(enabled);
    if (before != enabled) {
      audit.success(
          enabled ? AuditAction.PROVIDER_ENABLED : AuditAction.PROVIDER_DISABLED,
          null,
          AuditTarget.Kind.PROVIDER.of(id),
          Changes.of(provider.getName(), Changes.field("enabled", before, enabled)));
    }
  }

  /** The form of a stored provider, for editing; the secret is never given back. */
  @Transactional
  public Optional<ProviderForm> formOf(long id) {
    caller.requirePlatformAdmin();
    return Optional.ofNullable(em.find(Provider.class, id)).map(ProviderRegistry::formOf);
  }

  /** The provider as its form shows it, without the secret; lists copied as they are now. */
  private static ProviderForm formOf(Provider p) {
    return new ProviderForm(
        p.getName(),
        p.getLegalEntity(),
        p.getCountryCode(),
        p.getCity(),
        p.getLatitude(),
        p.getLongitude(),
        p.getJurisdiction(),
        p.getCertifications() == null ? List.of() : List.copyOf(p.getCertifications()),
        p.getEndpointUrl(),
        p.getApiUsername(),
        null,
        p.isEnabled(),
        p.isEdgeSite(),
        p.getNotes(),
        p.getPublicNetwork(),
        p.getConsoleUrl());
  }

  @Transactional
  long count() {
    return em.createQuery("select count(p) from Provider p", Long.class).getSingleResult();
  }

  /** Every problem of the form itself, the name's uniqueness included, reported together. */
  private List<FieldError> formProblems(ProviderForm form, boolean creating, Long id) {
    List<FieldError> problems = new ArrayList<>(ProviderRules.check(form, creating));
    problems.addAll(nameTaken(form.name(), id));
    return problems;
  }

  private List<FieldError> nameTaken(String name, Long exceptId) {
    if (name == null || name.isBlank()) {
      return List.of();
    }
    try {
      Long other =
          em.createQuery(
                  "select p.id from Provider p where lower(p.name) = lower(:name)", Long.class)
              .setParameter("name", name.trim())
              .getSingleResult();
      return other.equals(exceptId)
          ? List.of()
          : List.of(FieldError.of("name", "provider.error.nameTaken", name.trim()));
    } catch (NoResultException e) {
      return List.of();
    }
  }

  private static void rejectIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ProviderRejectedException(errors);
    }
  }
}
