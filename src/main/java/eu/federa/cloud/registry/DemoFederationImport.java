package eu.federa.cloud.registry;

import eu.federa.platform.config.Setting;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Loads the demo federation on first start: when {@code FEDERA_DEMO_FEDERATION} (or the system
 * property {@code federa.demo.federation}) names a JSON file and no provider exists yet, its
 * providers are registered. Written by the demo launcher for its simulators; unused in production.
 */
@ApplicationScoped
public class DemoFederationImport {

  private static final Logger LOG = Logger.getLogger(DemoFederationImport.class.getName());

  @Inject ProviderRegistry registry;

  void onStart(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 100)
          @Initialized(ApplicationScoped.class)
          Object event) {
    String file = Setting.DEMO_FEDERATION.value();
    if (file.isBlank()) {
      return;
    }
    if (registry.count() > 0) {
      LOG.info("Providers exist already; the demo federation is not loaded again");
      return;
    }
    try (Reader in = Files.newBufferedReader(Path.of(file));
        JsonReader json = Json.createReader(in)) {
      JsonArray providers = json.readArray();
      for (JsonObject p : providers.getValuesAs(JsonObject.class)) {
        long id =
            registry.registerTrusted(
                new ProviderForm(
                    p.getString("name"),
                    p.getString("legalEntity"),
                    p.getString("countryCode"),
                    p.getString("city"),
                    p.getJsonNumber("latitude").bigDecimalValue(),
                    p.getJsonNumber("longitude").bigDecimalValue(),
                    p.getString("jurisdiction"),
                    p.getJsonArray("certifications").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList(),
                    p.getString("endpointUrl"),
                    p.getString("apiUsername"),
                    p.getString("apiSecret"),
                    true,
                    p.getBoolean("edgeSite"),
                    p.getString("notes", null),
                    p.getString("publicNetwork", null),
                    p.getString("consoleUrl", null)));
        if (p.containsKey("accessMeasures")) {
          registry.changeRegisterTrusted(
              id,
              new SovereigntyRegister.Change(
                  p.getString("countryCode"),
                  List.of(p.getString("countryCode")),
                  p.getJsonArray("accessMeasures").getValuesAs(JsonString.class).stream()
                      .map(m -> AccessMeasure.valueOf(m.getString()))
                      .collect(java.util.stream.Collectors.toSet())));
        }
      }
      LOG.info(() -> "Demo federation loaded: " + providers.size() + " providers");
    } catch (IOException | RuntimeException e) {
      LOG.warning("Demo federation not loaded from " + file + ": " + e.getMessage());
    }
  }
}
