package eu.federa.billing;

import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What was billed to a tenant, in its export bundle: every invoice with its lines (JSON, and each
 * as the CSV and PDF the invoice page offers), every metered usage interval (CSV), and the price
 * lists of the providers it used.
 */
@ApplicationScoped
public class BillingExport implements TenantDataSection {

  /** The usage intervals' columns, as the CSV's header names them. */
  static final List<String> USAGE_HEADER =
      List.of(
          "id",
          "resource",
          "kind",
          "state",
          "project_id",
          "order_id",
          "volume_id",
          "snapshot_id",
          "backup_id",
          "provider",
          "country",
          "vcpu",
          "memory_mib",
          "disk_gib",
          "gpus",
          "gpu_model",
          "public_ips",
          "month",
          "started_at",
          "ended_at",
          "source");

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Invoices invoices;
  @Inject PriceService prices;

  @Override
  public String name() {
    return "billing";
  }

  @Override
  public void write(ExportScope scope, BundleWriter bundle) throws IOException {
    long tenantId = scope.tenantId();
    // One invoice with its lines in memory at a time: the list holds only their ids. Invoices are
    // the organisation's: not in a project's bundle (its usage is).
    List<Long> ids =
        scope.wholeTenant()
            ? invoices.summaries("WHERE i.tenant_id = ?1", tenantId).stream()
                .map(Invoice::id)
                .toList()
            : List.of();
    bundle.items("invoices.json", "invoices", ids.stream().map(invoices::load));
    String[] seller = invoices.seller();
    for (long id : ids) {
      Invoice invoice = invoices.load(id);
      String name = "invoices/" + InvoiceDocuments.fileName(invoice);
      eu.federa.energy.UsageEnergy energy = invoices.energyOf(invoice);
      bundle.bytes(name + ".csv", InvoiceDocuments.csv(invoice, energy, Locale.ENGLISH));
      bundle.bytes(name + ".pdf", InvoiceDocuments.pdf(invoice, seller, Locale.ENGLISH, energy));
    }
    @SuppressWarnings("unchecked")
    java.util.stream.Stream<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, resource_name, resource_kind, usage_state, project_id, order_id,"
                    + " volume_id, snapshot_id, backup_id, provider_name, country_code, vcpu,"
                    + " memory_mib, disk_gib, gpus, gpu_model, public_ips, month_start,"
                    + " started_at, ended_at, source FROM usage_interval WHERE tenant_id = ?1"
                    + " AND (?2 IS NULL OR project_id = ?2) ORDER BY id")
            .setParameter(1, tenantId)
            .setParameter(2, scope.projectId())
            .getResultStream();
    bundle.csv(
        "usage-intervals.csv",
        USAGE_HEADER,
        rows.map(
            r -> {
              List<String> cells = new ArrayList<>(r.length);
              for (Object cell : r) {
                cells.add(text(cell));
              }
              return cells;
            }));
    List<PriceList> lists = new ArrayList<>();
    for (Object provider :
        em.createNativeQuery(
                "SELECT DISTINCT provider_id FROM usage_interval WHERE tenant_id = ?1"
                    + " AND (?2 IS NULL OR project_id = ?2) ORDER BY provider_id")
            .setParameter(1, tenantId)
            .setParameter(2, scope.projectId())
            .getResultList()) {
      lists.addAll(prices.lists(((Number) provider).longValue()));
    }
    bundle.items("price-lists.json", "price-lists", lists.stream());
  }

  /** A column's value as the CSV writes it: times in ISO-8601 UTC, the rest as they read. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC).toString();
    }
    if (value instanceof java.time.LocalDateTime t) {
      return t.toInstant(java.time.ZoneOffset.UTC).toString();
    }
    return value.toString();
  }
}
