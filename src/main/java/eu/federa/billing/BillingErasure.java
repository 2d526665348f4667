package eu.federa.billing;

import eu.federa.platform.config.Setting;
import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A leaving tenant's billing: its budget alerts are deleted; its invoices and the usage and tokens
 * they bill are kept, as the invoicing entity's accounting and tax law requires, for {@link
 * Setting#INVOICE_RETENTION_YEARS}. They name the organisation (legal name, country, VAT id), no
 * person.
 */
@ApplicationScoped
public class BillingErasure implements TenantErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public int order() {
    return 10;
  }

  @Override
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    long t = context.tenantId();
    LocalDate until =
        context
            .at()
            .atOffset(ZoneOffset.UTC)
            .toLocalDate()
            .plusYears(Setting.INVOICE_RETENTION_YEARS.intValue());
    String why =
        "accounting and tax law of the invoicing entity ("
            + Setting.INVOICE_RETENTION_YEARS.intValue()
            + " years); they name the organisation, no person";
    return List.of(
        Erased.deleted(
            "budget alerts",
            em.createNativeQuery("DELETE FROM budget_alert WHERE tenant_id = ?1")
                .setParameter(1, t)
                .executeUpdate()),
        Erased.kept("invoices", count("invoice", t), until, why),
        Erased.kept("usage intervals billed", count("usage_interval", t), until, why),
        Erased.kept("AI token usage billed", count("token_usage", t), until, why));
  }

  private long count(String table, long tenantId) {
    return ((Number)
            em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?1")
                .setParameter(1, tenantId)
                .getSingleResult())
        .longValue();
  }
}
