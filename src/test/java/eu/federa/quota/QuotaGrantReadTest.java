package eu.federa.quota;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.persistence.Row;
import jakarta.persistence.Column;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The dashboard reads a tenant's grant as columns of its table, not through the entity. */
class QuotaGrantReadTest {

  @Test
  void theColumnsAreTheGrantsPlanAndEachLimitInTheOrderOfTheLimits() throws Exception {
    assertThat(QuotaPlans.GRANT_COLUMNS.get(0).sql())
        .isEqualTo(
            TenantQuota.class.getDeclaredField("planCode").getAnnotation(Column.class).name());
    RecordComponent[] limits = QuotaLimits.class.getRecordComponents();
    assertThat(QuotaPlans.GRANT_COLUMNS).hasSize(limits.length + 1);
    for (int i = 0; i < limits.length; i++) {
      String field = limits[i].getName();
      Column column = QuotaLimits.class.getDeclaredField(field).getAnnotation(Column.class);
      String name = column == null || column.name().isEmpty() ? field : column.name();
      assertThat(QuotaPlans.GRANT_COLUMNS.get(i + 1).sql()).as(field).isEqualTo(name);
    }
  }

  @Test
  void aGrantAsTheDriverGivesItKeepsItsUnlimitedLimitsUnlimited() {
    // INT columns come as Integer, BIGINT as Long, DECIMAL as BigDecimal; NULL is unlimited
    QuotaPlans.Granted granted =
        QuotaPlans.granted(
            Row.values("standard", 16, 65_536L, null, 10, 500, null, new BigDecimal("250.00")));
    assertThat(granted.planCode()).isEqualTo("standard");
    assertThat(granted.limits())
        .isEqualTo(new QuotaLimits(16, 65_536L, null, 10, 500, null, new BigDecimal("250.00")));
  }
}
