package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The charts' configurations as Chart.js reads them. */
class ChartsTest {

  @Test
  void aChartOfAmountsWritesItsNumbersInTheReadersLanguage() {
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    amounts.put("Wisla Compute", new BigDecimal("117.29"));
    amounts.put("Tejo Cloud", new BigDecimal("0.50"));
    JsonObject chart = read(Charts.of(amounts, "bar", "EUR", Locale.forLanguageTag("pl")));
    // Chart.js formats axes and tooltips with Intl.NumberFormat in this language: "0,5", not "0.5".
    assertThat(chart.getJsonObject("options").getString("locale")).isEqualTo("pl");
    assertThat(chart.getJsonObject("data").getJsonArray("labels").getString(1))
        .isEqualTo("Tejo Cloud");
    assertThat(
            chart
                .getJsonObject("data")
                .getJsonArray("datasets")
                .getJsonObject(0)
                .getJsonArray("data")
                .getJsonNumber(0)
                .bigDecimalValue())
        .isEqualByComparingTo("117.29");
  }

  @Test
  void aForecastsLinesToo() {
    JsonObject chart =
        read(
            Charts.percentLines(
                List.of("10:00", "11:00"),
                Map.of("Prévision", new double[] {12.34, 56.78}),
                Locale.FRENCH));
    assertThat(chart.getJsonObject("options").getString("locale")).isEqualTo("fr");
    assertThat(chart.getString("type")).isEqualTo("line");
  }

  private static JsonObject read(String embedded) {
    return Json.createReader(new StringReader(embedded)).readObject();
  }
}
