package eu.federa.tenancy;

import eu.federa.platform.config.Setting;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Loads demo organisations on start: when {@code FEDERA_DEMO_TENANTS} names a JSON file, each
 * organisation in it whose VAT id is unknown is created with its projects and membership rules (the
 * people join at their first sign-in, through the rules). Written by the demo launcher; unused in
 * production.
 */
@ApplicationScoped
public class DemoTenantsImport {

  private static final Logger LOG = Logger.getLogger(DemoTenantsImport.class.getName());

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject Event<TenantApproved> approved;

  @Transactional
  void onStart(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 100)
          @Initialized(ApplicationScoped.class)
          Object event) {
    String file = Setting.DEMO_TENANTS.value();
    if (file.isBlank()) {
      return;
    }
    try (Reader in = Files.newBufferedReader(Path.of(file));
        JsonReader json = Json.createReader(in)) {
      int created = 0;
      for (JsonObject t : json.readArray().getValuesAs(JsonObject.class)) {
        VatId vat = VatId.parse(t.getString("countryCode"), t.getString("vatId")).orElseThrow();
        boolean exists =
            em.createQuery(
                        "select count(t) from Tenant t where t.vatId = :v and t.closedAt is null",
                        Long.class)
                    .setParameter("v", vat.value())
                    .getSingleResult()
                > 0;
        if (exists) {
          continue;
        }
        Tenant tenant =
            new Tenant(
                t.getString("name"),
                t.getString("countryCode"),
                vat,
                t.getString("billingEmail"),
                new Residency(strings(t, "residency")),
                clock.instant());
        em.persist(tenant);
        for (String project : strings(t, "projects")) {
          em.persist(new Project(tenant, project, null, clock.instant()));
        }
        for (JsonObject r : t.getJsonArray("rules").getValuesAs(JsonObject.class)) {
          em.persist(
              new MembershipRule(
                  RuleKind.valueOf(r.getString("kind")),
                  r.getString("value"),
                  r.containsKey("trusted")
                      ? strings(r, "trusted")
                      : List.of(RuleKind.LOCAL_ACCOUNTS),
                  tenant,
                  TenantRole.valueOf(r.getString("role")),
                  "demo",
                  clock.instant()));
        }
        // Demo organisations are approved: they get their plan's quota like any other.
        em.flush();
        approved.fire(new TenantApproved(tenant.getId(), t.getString("plan", null)));
        created++;
      }
      int count = created;
      LOG.info(() -> "Demo organisations loaded: " + count);
    } catch (IOException | RuntimeException e) {
      LOG.warning("Demo organisations not loaded from " + file + ": " + e);
    }
  }

  private static List<String> strings(JsonObject object, String key) {
    return object.containsKey(key)
        ? object.getJsonArray(key).getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList()
        : List.of();
  }
}
