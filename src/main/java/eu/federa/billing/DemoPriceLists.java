package eu.federa.billing;

import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.platform.config.Setting;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Gives the demo providers the price lists of the demo federation file ({@code prices}), valid from
 * 2026-01-01, while no price list exists yet. Unused in production.
 */
@ApplicationScoped
public class DemoPriceLists {

  private static final Logger LOG = Logger.getLogger(DemoPriceLists.class.getName());
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject ProviderDirectory providers;

  @Transactional
  void onStart(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 160)
          @Initialized(ApplicationScoped.class)
          Object event) {
    String file = Setting.DEMO_FEDERATION.value();
    if (file.isBlank()
        || ((Number) em.createNativeQuery("SELECT COUNT(*) FROM price_list").getSingleResult())
                .longValue()
            > 0) {
      return;
    }
    int loaded = 0;
    try (Reader in = Files.newBufferedReader(Path.of(file));
        JsonReader json = Json.createReader(in)) {
      for (JsonObject p : json.readArray().getValuesAs(JsonObject.class)) {
        JsonObject prices = p.getJsonObject("prices");
        Optional<ProviderCard> provider = providers.named(p.getString("name"));
        if (prices == null || provider.isEmpty()) {
          continue;
        }
        em.createNativeQuery(
                "INSERT INTO price_list (provider_id, valid_from, eur_per_vcpu_hour,"
                    + " eur_per_gib_memory_hour, eur_per_gib_disk_month, eur_per_public_ip_hour,"
                    + " eur_per_million_tokens_in, eur_per_million_tokens_out,"
                    + " created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'demo', ?2)")
            .setParameter(1, provider.get().id())
            .setParameter(2, FROM)
            .setParameter(3, prices.getJsonNumber("vcpuHour").bigDecimalValue())
            .setParameter(4, prices.getJsonNumber("memoryGibHour").bigDecimalValue())
            .setParameter(5, prices.getJsonNumber("diskGibMonth").bigDecimalValue())
            .setParameter(
                6,
                prices.containsKey("publicIpHour")
                    ? prices.getJsonNumber("publicIpHour").bigDecimalValue()
                    : null)
            .setParameter(7, tokenRate(prices.getJsonObject("tokens"), "in"))
            .setParameter(8, tokenRate(prices.getJsonObject("tokens"), "out"))
            .executeUpdate();
        Number listId = (Number) em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult();
        for (Map.Entry<String, ?> gpu : prices.getJsonObject("gpuHour").entrySet()) {
          em.createNativeQuery(
                  "INSERT INTO price_list_gpu (price_list_id, gpu_model, eur_per_gpu_hour)"
                      + " VALUES (?1, ?2, ?3)")
              .setParameter(1, listId.longValue())
              .setParameter(2, gpu.getKey())
              .setParameter(3, ((JsonNumber) gpu.getValue()).bigDecimalValue())
              .executeUpdate();
        }
        JsonObject models = prices.getJsonObject("modelTokens");
        for (Map.Entry<String, ?> model :
            models == null ? Map.<String, Object>of().entrySet() : models.entrySet()) {
          JsonObject rates = (JsonObject) model.getValue();
          em.createNativeQuery(
                  "INSERT INTO price_list_model (price_list_id, model_code,"
                      + " eur_per_million_tokens_in, eur_per_million_tokens_out)"
                      + " VALUES (?1, ?2, ?3, ?4)")
              .setParameter(1, listId.longValue())
              .setParameter(2, model.getKey())
              .setParameter(3, tokenRate(rates, "in"))
              .setParameter(4, tokenRate(rates, "out"))
              .executeUpdate();
        }
        loaded++;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warning("Demo price lists not loaded from " + file + ": " + e.getMessage());
      return;
    }
    int count = loaded;
    LOG.info(() -> "Demo price lists loaded: " + count);
  }

  /** EUR per million tokens ({@code in} or {@code out}) of a demo list, if it has them. */
  private static java.math.BigDecimal tokenRate(JsonObject rates, String which) {
    return rates == null || !rates.containsKey(which)
        ? null
        : rates.getJsonNumber(which).bigDecimalValue();
  }
}
