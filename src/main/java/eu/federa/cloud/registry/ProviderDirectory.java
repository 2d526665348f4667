package eu.federa.cloud.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What other capabilities may know of the providers, without reading cloud's tables: their public
 * description (no endpoint, no credentials), and the provider's row as the lock that serialises
 * changes about one provider. No caller check: the services that call it check their own callers.
 */
@ApplicationScoped
public class ProviderDirectory {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** A provider as the catalog, placement and billing name it. */
  public record ProviderCard(
      long id,
      String name,
      String countryCode,
      String jurisdiction,
      List<String> certifications,
      boolean edgeSite,
      boolean enabled,
      SovereigntyRegister register)
      implements Serializable {}

  /** The provider's console page of a VM ({@code {vmId}} its id), if it offers one. */
  @Transactional
  public Optional<String> consoleUrl(long providerId) {
    Provider p = em.find(Provider.class, providerId);
    return p == null ? Optional.empty() : Optional.ofNullable(p.getConsoleUrl());
  }

  /**
   * The address of each provider's front-end (its XML-RPC endpoint), by id: the AI gateway reaches
   * appliances through it where a deployment says so (see federa.ai.replica-url).
   */
  @Transactional
  public Map<Long, String> frontEnds() {
    Map<Long, String> urls = new java.util.HashMap<>();
    for (Object[] row :
        em.createQuery("select p.id, p.endpointUrl from Provider p", Object[].class)
            .getResultList()) {
      urls.put((Long) row[0], (String) row[1]);
    }
    return urls;
  }

  /**
   * An appliance's address from a deployment's template: {@code {ip}} is the VM's address (an IPv6
   * one in brackets), {@code {front-end}} the origin (scheme, host, port) of its provider's
   * front-end, for providers that forward appliance traffic there; empty when the template needs a
   * front-end that is not known. No trailing slash.
   */
  public static Optional<String> applianceUrl(String template, String frontEndUrl, String ip) {
    String url = template.replace("{ip}", ip.contains(":") ? "[" + ip + "]" : ip);
    if (template.contains("{front-end}")) {
      if (frontEndUrl == null) {
        return Optional.empty();
      }
      java.net.URI uri = java.net.URI.create(frontEndUrl);
      url = url.replace("{front-end}", uri.getScheme() + "://" + uri.getRawAuthority());
    }
    return Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  /** A provider's front-end address (its XML-RPC endpoint), if it is registered. */
  @Transactional
  public Optional<String> frontEnd(long providerId) {
    Provider p = em.find(Provider.class, providerId);
    return p == null ? Optional.empty() : Optional.of(p.getEndpointUrl());
  }

  /** The enabled providers, by country and name. */
  @Transactional
  public List<ProviderCard> enabled() {
    return cards("select p from Provider p where p.enabled order by p.countryCode, p.name");
  }

  /** Every provider, enabled or not, by id. */
  @Transactional
  public Map<Long, ProviderCard> all() {
    return cards("select p from Provider p order by p.id").stream()
        .collect(Collectors.toMap(ProviderCard::id, Function.identity()));
  }

  /** The providers with these ids that exist, by id. */
  @Transactional
  public Map<Long, ProviderCard> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return em.createQuery("select p from Provider p where p.id in :ids", Provider.class)
        .setParameter("ids", ids)
        .getResultStream()
        .map(ProviderDirectory::card)
        .collect(Collectors.toMap(ProviderCard::id, Function.identity()));
  }

  /** The ids of every provider. */
  @Transactional
  public Set<Long> ids() {
    return Set.copyOf(em.createQuery("select p.id from Provider p", Long.class).getResultList());
  }

  /** The provider of that name. */
  @Transactional
  public Optional<ProviderCard> named(String name) {
    return em.createQuery("select p from Provider p where p.name = :name", Provider.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst()
        .map(ProviderDirectory::card);
  }

  /**
   * Locks the provider's row until the caller's transaction ends: one change about one provider at
   * a time, on every node (its prices, its tenants' accounts). Joins the caller's transaction.
   *
   * @return false when there is no such provider
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean lock(long providerId) {
    return em.find(Provider.class, providerId, LockModeType.PESSIMISTIC_WRITE) != null;
  }

  private List<ProviderCard> cards(String jpql) {
    return em.createQuery(jpql, Provider.class)
        .getResultStream()
        .map(ProviderDirectory::card)
        .toList();
  }

  private static ProviderCard card(Provider p) {
    return new ProviderCard(
        p.getId(),
        p.getName(),
        p.getCountryCode(),
        p.getJurisdiction(),
        List.copyOf(p.getCertifications()),
        p.isEdgeSite(),
        p.isEnabled(),
        p.register());
  }
}
