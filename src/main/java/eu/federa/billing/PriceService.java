package eu.federa.billing;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.audit.Changes;
import eu.federa.catalog.Catalog;
import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.placement.PlacementRequest;
import eu.federa.placement.PriceSource;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.persistence.RevisionCache;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * Price lists and what things cost: platform admins add effective-dated lists per provider (never
 * overlapping); orders show estimates from the list in force; placement weighs the same prices.
 */
@ApplicationScoped
public class PriceService implements PriceSource {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject ProviderDirectory providers;
  @Inject Catalog catalog;

  @Inject CurrentUser caller;
  @Inject Clock clock;
  @Inject AuditLog audit;

  /**
   * Adds a price list (platform admins).
   *
   * @throws InvalidInputException for bad rates or dates, an unknown provider, or a period that
   *     overlaps another list of the provider
   */
  @Transactional
  public long add(PriceListForm form) {
    caller.requirePlatformAdmin();
    Map<String, BigDecimal> gpus = form.check();
    // One change of a provider's prices at a time, on every node: its row is the lock.
    if (!providers.lock(form.providerId())) {
      throw new InvalidInputException(FieldError.of("provider", "price.error.provider"));
    }
    for (PriceList other : lists(form.providerId())) {
      if (other.overlaps(form.validFrom(), form.validUntil())) {
        throw new InvalidInputException(
            FieldError.of(
                "validFrom",
                "price.error.overlap",
                other.validFrom().toString(),
                other.validUntil() == null ? "\u2026" : other.validUntil().toString()));
      }
    }
    em.createNativeQuery(
            "INSERT INTO price_list (provider_id, valid_from, valid_until, eur_per_vcpu_hour,"
                + " eur_per_gib_memory_hour, eur_per_gib_disk_month, eur_per_million_tokens_in,"
                + " eur_per_million_tokens_out, eur_per_public_ip_hour, created_by, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?11, ?9, ?10)")
        .setParameter(1, form.providerId())
        .setParameter(2, form.validFrom())
        .setParameter(3, form.validUntil())
        .setParameter(4, form.eurPerVcpuHour())
        .setParameter(5, form.eurPerGibMemoryHour())
        .setParameter(6, form.eurPerGibDiskMonth())
        .setParameter(7, form.eurPerMillionTokensIn())
        .setParameter(8, form.eurPerMillionTokensOut())
        .setParameter(9, caller.user().map(u -> u.subject()).orElse("?"))
        .setParameter(10, clock.instant())
        .setParameter(11, form.eurPerPublicIpHour())
        .executeUpdate();
    long id =
        ((Number) em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult()).longValue();
    for (Map.Entry<String, PriceList.TokenRates> model : form.modelRates().entrySet()) {
      em.createNativeQuery(
              "INSERT INTO price_list_model (price_list_id, model_code, eur_per_million_tokens_in,"
                  + " eur_per_million_tokens_out) VALUES (?1, ?2, ?3, ?4)")
          .setParameter(1, id)
          .setParameter(2, model.getKey())
          .setParameter(3, model.getValue().eurPerMillionIn())
          .setParameter(4, model.getValue().eurPerMillionOut())
          .executeUpdate();
    }
    for (Map.Entry<String, BigDecimal> gpu : gpus.entrySet()) {
      em.createNativeQuery(
              "INSERT INTO price_list_gpu (price_list_id, gpu_model, eur_per_gpu_hour)"
                  + " VALUES (?1, ?2, ?3)")
          .setParameter(1, id)
          .setParameter(2, gpu.getKey())
          .setParameter(3, gpu.getValue())
          .executeUpdate();
    }
    audit.success(
        AuditAction.PRICE_LIST_ADDED,
        null,
        AuditTarget.priceListOfProvider(id, form.providerId()),
        Changes.created(form, Set.of()));
    return id;
  }

  /** A provider's lists, oldest first. */
  @Transactional
  public List<PriceList> lists(long providerId) {
    return read(c -> PriceLists.ofProvider(c, providerId));
  }

  /**
   * A provider's lists {@code first} to {@code first + max}, the latest first, and how many there
   * are: three statements whatever the page's size.
   */
  @Transactional
  public ResultPage<PriceList> page(long providerId, int first, int max) {
    long total =
        ((Number)
                em.createNativeQuery("SELECT COUNT(*) FROM price_list p WHERE p.provider_id = ?1")
                    .setParameter(1, providerId)
                    .getSingleResult())
            .longValue();
    if (max <= 0 || total == 0) {
      return new ResultPage<>(List.of(), total);
    }
    return new ResultPage<>(
        read(c -> PriceLists.pageOf(c, providerId, Math.max(0, first), max)), total);
  }

  /** The list of each provider in force now. */
  @Transactional
  public Map<Long, PriceList> inForce() {
    Instant now = clock.instant();
    return read(c -> PriceLists.inForce(c, now));
  }

  /** The provider's list in force now, if it has one (reads that provider's lists only). */
  @Transactional
  public Optional<PriceList> inForce(long providerId) {
    Instant now = clock.instant();
    return lists(providerId).stream().filter(l -> l.appliesAt(now)).findFirst();
  }

  /** What one VM costs at a provider now, if it has a price there. */
  @Transactional
  public Optional<PriceList.Estimate> estimate(
      long providerId, int vcpu, long memoryMib, int diskGib, int gpus, String gpuModel) {
    return estimate(providerId, vcpu, memoryMib, diskGib, gpus, gpuModel, 0);
  }

  /** As above, with {@code publicIps} public addresses (empty when they have no price there). */
  @Transactional
  public Optional<PriceList.Estimate> estimate(
      long providerId,
      int vcpu,
      long memoryMib,
      int diskGib,
      int gpus,
      String gpuModel,
      int publicIps) {
    return inForce(providerId)
        .flatMap(list -> list.estimate(vcpu, memoryMib, diskGib, gpus, gpuModel, publicIps));
  }

  /**
   * Every size of the catalog priced at every enabled provider with a list in force, for anyone
   * signed in to compare before ordering.
   */
  @Transactional
  public PriceComparison comparison() {
    return comparison(catalog.sizes(), providers.enabled()).value();
  }

  /**
   * {@link #comparison()} of sizes and providers the caller has read already (the catalog page),
   * with the instant it stops holding: the next time a list comes into force or ends (none: until
   * the lists change). In a transaction (its own when the caller has none): it reads through the
   * session's JDBC connection, which outside one would be a session nobody closes.
   */
  @Transactional
  public RevisionCache.Read<PriceComparison> comparison(
      List<Size> sizes, List<ProviderCard> enabled) {
    Instant now = clock.instant();
    return read(
        c ->
            new RevisionCache.Read<>(
                PriceComparison.of(sizes, enabled, PriceLists.inForce(c, now)),
                PriceLists.nextChange(c, now, enabled.stream().map(ProviderCard::id).toList())));
  }

  @Override
  @Transactional
  public Map<Long, BigDecimal> hourlyPrices(PlacementRequest request) {
    Map<Long, BigDecimal> prices = new HashMap<>();
    int vcpu = (int) Math.ceil(request.vcpu());
    for (PriceList list : inForce().values()) {
      list.estimate(
              vcpu,
              request.memoryMib(),
              (int) request.diskGib(),
              request.gpus(),
              request.gpuModel(),
              request.publicAddress() ? 1 : 0)
          .ifPresent(e -> prices.put(list.providerId(), e.eurPerHour()));
    }
    return prices;
  }

  /** Reads through the session's connection ({@link PriceLists} works on plain JDBC). */
  private <T> T read(ReturningWork<T> work) {
    return em.unwrap(Session.class).doReturningWork(work);
  }
}
