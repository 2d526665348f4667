package eu.federa.platform.web;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chart.js configurations for {@code p:chart}. PrimeFaces writes them into a script, and their
 * labels are often the tenant's own text (project and provider names), so they are escaped for that
 * context ({@link ScriptJson}). Chart.js writes the numbers of their axes and tooltips in the
 * reader's language ({@code locale}: "0,5" in Polish, not "0.5").
 */
public final class Charts {

  private static final String[] COLOURS = {
    "#2f6fde", "#1f9d74", "#e0a526", "#c2410c", "#7c3aed", "#0e7490", "#be185d", "#4b5563"
  };

  private Charts() {}

  /**
   * A line chart of several series over the same labels (e.g. a forecast with its bounds), each
   * series named and drawn in its colour; values in percent from 0 to 100.
   */
  public static String percentLines(
      List<String> labels, Map<String, double[]> series, Locale locale) {
    JsonArrayBuilder datasets = Json.createArrayBuilder();
    int i = 0;
    for (Map.Entry<String, double[]> s : series.entrySet()) {
      JsonArrayBuilder data = Json.createArrayBuilder();
      for (double v : s.getValue()) {
        data.add(Math.round(v * 10) / 10.0);
      }
      datasets.add(
          Json.createObjectBuilder()
              .add("label", s.getKey())
              .add("data", data)
              .add("borderColor", COLOURS[i++ % COLOURS.length])
              .add("fill", false)
              .add("pointRadius", 0));
    }
    JsonArrayBuilder names = Json.createArrayBuilder();
    labels.forEach(names::add);
    JsonObjectBuilder options =
        Json.createObjectBuilder()
            .add("locale", locale.toLanguageTag())
            .add("responsive", true)
            .add("maintainAspectRatio", false)
            .add(
                "scales",
                Json.createObjectBuilder()
                    .add("y", Json.createObjectBuilder().add("min", 0).add("max", 100)));
    return ScriptJson.embed(
        Json.createObjectBuilder()
            .add("type", "line")
            .add("data", Json.createObjectBuilder().add("labels", names).add("datasets", datasets))
            .add("options", options)
            .build()
            .toString());
  }

  /**
   * A chart of one dataset of amounts (in insertion order), coloured in turn.
   *
   * @param type {@code bar} or {@code doughnut} (which shows its legend)
   * @param unit the dataset's label, e.g. {@code EUR} or {@code kg CO₂e}
   * @param locale the reader's, for the numbers Chart.js writes
   */
  public static String of(
      Map<String, BigDecimal> amounts, String type, String unit, Locale locale) {
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder data = Json.createArrayBuilder();
    JsonArrayBuilder colours = Json.createArrayBuilder();
    int i = 0;
    for (Map.Entry<String, BigDecimal> e : amounts.entrySet()) {
      labels.add(e.getKey());
      data.add(e.getValue());
      colours.add(COLOURS[i++ % COLOURS.length]);
    }
    JsonObjectBuilder dataset =
        Json.createObjectBuilder()
            .add("label", unit)
            .add("data", data)
            .add("backgroundColor", colours);
    JsonObjectBuilder options =
        Json.createObjectBuilder()
            .add("locale", locale.toLanguageTag())
            .add("responsive", true)
            .add("maintainAspectRatio", false)
            .add(
                "plugins",
                Json.createObjectBuilder()
                    .add(
                        "legend",
                        Json.createObjectBuilder().add("display", "doughnut".equals(type))));
    return ScriptJson.embed(
        Json.createObjectBuilder()
            .add("type", type)
            .add(
                "data",
                Json.createObjectBuilder()
                    .add("labels", labels)
                    .add("datasets", Json.createArrayBuilder().add(dataset)))
            .add("options", options)
            .build()
            .toString());
  }
}
