package eu.federa.billing;

import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.Row;
import eu.federa.tenancy.TenantDirectory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Gives the demo organisations last month's usage at the demo providers, so that the demo has
 * invoices to rate, issue and download on its first day. Written once, while no usage exists; only
 * with the demo federation file. Unused in production.
 */
@ApplicationScoped
public class DemoUsage {

  private static final Logger LOG = Logger.getLogger(DemoUsage.class.getName());

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject ProviderDirectory directory;
  @Inject TenantDirectory tenants;

  @Transactional
  void onStart(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 170)
          @Initialized(ApplicationScoped.class)
          Object event) {
    String file = Setting.DEMO_FEDERATION.value();
    if (file.isBlank()
        || Row.single(em.createNativeQuery("SELECT COUNT(*) FROM usage_interval")).lng(0) > 0) {
      return;
    }
    List<ProviderCard> enabled =
        directory.enabled().stream().sorted(Comparator.comparingLong(ProviderCard::id)).toList();
    if (enabled.isEmpty()) {
      return;
    }
    ProviderCard general = enabled.get(0);
    ProviderCard gpu = null;
    String gpuModel = null;
    for (ProviderCard p : enabled) {
      gpuModel =
          Row.single(
                  em.createNativeQuery(
                          "SELECT MIN(g.gpu_model) FROM price_list l JOIN price_list_gpu g"
                              + " ON g.price_list_id = l.id WHERE l.provider_id = ?1")
                      .setParameter(1, p.id()))
              .str(0);
      if (gpuModel != null) {
        gpu = p;
        break;
      }
    }
    Map<Long, Long> tenants = this.tenants.firstProjects();
    YearMonth last = BillingMonths.of(clock.instant()).minusMonths(1);
    Instant start = BillingMonths.start(last);
    Instant end = BillingMonths.end(last);
    int written = 0;
    for (Map.Entry<Long, Long> t : tenants.entrySet()) {
      long tenantId = t.getKey();
      Long projectId = t.getValue();
      long base = -tenantId * 100;
      // A web server all month, in the first project.
      written +=
          write(
              tenantId, projectId, base - 1, "web-01", general, 2, 4096, 20, 0, null, "RUNNING",
              start, end);
      // A GPU box: two working days running, then powered off until the month ends.
      if (gpu != null) {
        Instant on = start.plus(Duration.ofDays(9)).plus(Duration.ofHours(8));
        Instant off = on.plus(Duration.ofHours(20));
        written +=
            write(
                tenantId,
                null,
                base - 2,
                "train-01",
                gpu,
                16,
                131072,
                200,
                1,
                gpuModel,
                "RUNNING",
                on,
                off);
        written +=
            write(
                tenantId,
                null,
                base - 2,
                "train-01",
                gpu,
                16,
                131072,
                200,
                1,
                gpuModel,
                "POWEROFF",
                off,
                end);
      }
    }
    int count = written;
    LOG.info(() -> "Demo usage of " + last + " written: " + count + " intervals");
  }

  private int write(
      long tenantId,
      Long projectId,
      long orderId,
      String name,
      ProviderCard provider,
      int vcpu,
      long memoryMib,
      int diskGib,
      int gpus,
      String gpuModel,
      String state,
      Instant from,
      Instant until) {
    return em.createNativeQuery(
            "INSERT IGNORE INTO usage_interval (tenant_id, project_id, order_id, resource_name,"
                + " resource_kind, usage_state, provider_id, provider_name, country_code, vcpu,"
                + " memory_mib, disk_gib, gpus, gpu_model, month_start, started_at, ended_at,"
                + " source) VALUES (?1, ?2, ?3, ?4, 'VM', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                + " ?14, ?15, ?16, 'EVENT')")
        .setParameter(1, tenantId)
        .setParameter(2, projectId)
        .setParameter(3, orderId)
        .setParameter(4, name)
        .setParameter(5, state)
        .setParameter(6, provider.id())
        .setParameter(7, provider.name())
        .setParameter(8, provider.countryCode())
        .setParameter(9, vcpu)
        .setParameter(10, memoryMib)
        .setParameter(11, diskGib)
        .setParameter(12, gpus)
        .setParameter(13, gpuModel)
        .setParameter(14, BillingMonths.of(from).atDay(1))
        .setParameter(15, from)
        .setParameter(16, until)
        .executeUpdate();
  }
}
