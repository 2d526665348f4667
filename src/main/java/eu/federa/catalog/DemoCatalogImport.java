package eu.federa.catalog;

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
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Maps the catalog's images to the demo providers' templates (the {@code templates} of each
 * provider in the demo federation file), after the providers were imported and only while no image
 * is offered anywhere yet. Unused in production.
 */
@ApplicationScoped
public class DemoCatalogImport {

  private static final Logger LOG = Logger.getLogger(DemoCatalogImport.class.getName());

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject ProviderDirectory providers;

  @Transactional
  void onStart(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 150)
          @Initialized(ApplicationScoped.class)
          Object event) {
    String file = Setting.DEMO_FEDERATION.value();
    if (file.isBlank()) {
      return;
    }
    if (((Number)
                em.createNativeQuery("SELECT COUNT(*) FROM catalog_image_offer").getSingleResult())
            .longValue()
        > 0) {
      return;
    }
    int offers = 0;
    try (Reader in = Files.newBufferedReader(Path.of(file));
        JsonReader json = Json.createReader(in)) {
      for (JsonObject p : json.readArray().getValuesAs(JsonObject.class)) {
        JsonObject templates = p.getJsonObject("templates");
        Optional<ProviderCard> provider = providers.named(p.getString("name"));
        if (templates == null || provider.isEmpty()) {
          continue;
        }
        for (Map.Entry<String, ?> t : templates.entrySet()) {
          offers +=
              em.createNativeQuery(
                      "INSERT IGNORE INTO catalog_image_offer (image_code, provider_id,"
                          + " one_template_id) SELECT code, ?2, ?3 FROM catalog_image WHERE code = ?1")
                  .setParameter(1, t.getKey())
                  .setParameter(2, provider.get().id())
                  .setParameter(3, templates.getInt(t.getKey()))
                  .executeUpdate();
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warning("Demo catalog not loaded from " + file + ": " + e.getMessage());
      return;
    }
    int loaded = offers;
    LOG.info(() -> "Demo catalog loaded: " + loaded + " image offers");
  }
}
