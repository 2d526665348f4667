package eu.federa.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The demo's price lists are JSON the portal can import, with token prices where GPUs are. */
class DemoPricesTest {

  @Test
  void everySitesPricesParseAndGpuSitesPriceTokensPerModel() {
    for (int i = 0; i < DemoFederation.PRICES.size(); i++) {
      JsonObject prices =
          Json.createReader(new StringReader(DemoFederation.pricesOf(i))).readObject();
      assertThat(prices.getJsonNumber("vcpuHour")).isNotNull();
      if (!prices.getJsonObject("gpuHour").isEmpty()) {
        assertThat(prices.getJsonObject("tokens").getJsonNumber("in")).isNotNull();
        assertThat(
                prices
                    .getJsonObject("modelTokens")
                    .getJsonObject("mistral-7b-instruct")
                    .getJsonNumber("out"))
            .isNotNull();
      }
      if (!DemoFederation.SITES.get(i).edge()) {
        assertThat(prices.getJsonNumber("publicIpHour").doubleValue()).isEqualTo(0.006);
      }
    }
  }
}
