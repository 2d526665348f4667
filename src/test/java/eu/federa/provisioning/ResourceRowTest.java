package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.persistence.Row;
import jakarta.persistence.Column;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The resource list's rows are read as columns of the order's table, not through the order. */
class ResourceRowTest {

  @Test
  void eachColumnIsTheOrdersColumnOfTheFieldItsRowNames() throws Exception {
    RecordComponent[] parts = ResourceRow.class.getRecordComponents();
    assertThat(ResourceRow.COLUMNS).hasSameSizeAs(parts);
    for (int i = 0; i < parts.length; i++) {
      String field = parts[i].getName();
      Column column = VmOrder.class.getDeclaredField(field).getAnnotation(Column.class);
      String name = column == null || column.name().isEmpty() ? field : column.name();
      assertThat(ResourceRow.COLUMNS.get(i).sql()).as(field).isEqualTo("o." + name);
    }
    assertThat(parts[ResourceRow.CREATED_AT].getName()).isEqualTo("createdAt");
  }

  @Test
  void aRowAsTheDriverGivesItShowsWhatTheOrdersViewShows() throws Exception {
    VmOrder o = OrderViewAttributesTest.running();
    OrderView view = OrderView.of(o);
    ResourceRow row =
        ResourceRow.of(
            Row.values(
                view.id(),
                view.name(),
                view.state().name(), // MariaDB's driver: the enum's name, a DATETIME
                view.sizeCode(),
                view.providerName(),
                view.countryCode(),
                view.ipAddress(),
                LocalDateTime.ofInstant(view.createdAt(), ZoneOffset.UTC)));
    assertThat(row)
        .isEqualTo(
            new ResourceRow(
                99L,
                "web-01",
                OrderState.RUNNING,
                "s-2",
                view.providerName(),
                view.countryCode(),
                "10.0.0.1",
                Instant.parse("2026-12-05T10:00:00Z")));
  }
}
