package eu.federa.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBenchTest {

  @Test
  void theSlicesP99sAreShownAsTheMiddleOneAndTheWorst() {
    assertThat(LoadBench.medianAndWorst(List.of(180.4, 120.0, 151.6))).isEqualTo("152 / 180");
    // an even number: the lower of the two middle ones, never an average no slice had
    assertThat(LoadBench.medianAndWorst(List.of(90.0, 200.0, 110.0, 130.0))).isEqualTo("110 / 200");
    assertThat(LoadBench.medianAndWorst(List.of(75.0))).isEqualTo("75 / 75");
    assertThat(LoadBench.medianAndWorst(List.of())).isEqualTo("-");
  }
}
