package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatencyTableTest {

  private static List<FieldError> errors(String csv) {
    try {
      LatencyTable.parse(csv, Set.of(1L, 2L));
      return List.of();
    } catch (InvalidInputException e) {
      return e.errors();
    }
  }

  @Test
  void linesBecomeMeasurementsAndAHeaderIsSkipped() {
    List<LatencyTable.Measurement> parsed =
        LatencyTable.parse(
            "site,provider,ms\nParis office, 1, 3.5\r\n\nParis office,2,12\n", Set.of(1L, 2L));
    assertThat(parsed)
        .containsExactly(
            new LatencyTable.Measurement("Paris office", 1, new BigDecimal("3.5")),
            new LatencyTable.Measurement("Paris office", 2, new BigDecimal("12")));
  }

  @Test
  void everyBadLineIsNamedAndNothingIsKept() {
    assertThat(errors("Paris,1,3\nParis,9,3\nParis,2\nParis,x,3\nParis,2,0\nParis,1,4\n,2,5"))
        .extracting(FieldError::messageKey, e -> e.arguments().get(0))
        .containsExactly(
            tuple("latency.error.provider", 2),
            tuple("latency.error.columns", 3),
            tuple("latency.error.number", 4),
            tuple("latency.error.value", 5),
            tuple("latency.error.duplicate", 6),
            tuple("latency.error.site", 7));
    assertThat(errors(""))
        .extracting(FieldError::messageKey)
        .containsExactly("latency.error.empty");
  }
}
