package eu.federa.provisioning;

import eu.federa.placement.Decision;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** The placement explanation as kept with an order (JSON), and read back for its page. */
public final class Explanations {

  private Explanations() {}

  static String toJson(Decision.Explanation explanation) {
    JsonArrayBuilder steps = Json.createArrayBuilder();
    for (Decision.Step step : explanation.steps()) {
      steps.add(
          Json.createObjectBuilder()
              .add("filter", step.filter().name())
              .add("removed", step.removed())
              .add("left", step.left()));
    }
    JsonArrayBuilder alternatives = Json.createArrayBuilder();
    for (Decision.Alternative a : explanation.alternatives()) {
      JsonObjectBuilder alternative =
          Json.createObjectBuilder()
              .add("provider", a.providerName())
              .add("country", a.countryCode())
              .add("host", a.hostName())
              .add("score", a.score());
      if (a.forecastPeakCpuPercent() != null) {
        alternative.add("forecastPeak", a.forecastPeakCpuPercent());
      }
      alternatives.add(alternative);
    }
    return Json.createObjectBuilder()
        .add("hosts", explanation.hosts())
        .add("steps", steps)
        .add("alternatives", alternatives)
        .build()
        .toString();
  }

  /** One filter's line: how many hosts it removed, how many were left. */
  public record Step(String filter, int removed, int left) implements Serializable {}

  /**
   * One of the best candidates.
   *
   * @param forecastPeak its host's forecast CPU peak over the next 24 hours (%), null without one
   */
  public record Alternative(
      String provider, String country, String host, double score, Double forecastPeak)
      implements Serializable {}

  /** The explanation read back; empty lists for an order without one. */
  public record Kept(int hosts, List<Step> steps, List<Alternative> alternatives)
      implements Serializable {}

  static Kept read(String json) {
    if (json == null || json.isBlank()) {
      return new Kept(0, List.of(), List.of());
    }
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      List<Step> steps = new ArrayList<>();
      for (JsonObject s : o.getJsonArray("steps").getValuesAs(JsonObject.class)) {
        steps.add(new Step(s.getString("filter"), s.getInt("removed"), s.getInt("left")));
      }
      List<Alternative> alternatives = new ArrayList<>();
      for (JsonObject a : o.getJsonArray("alternatives").getValuesAs(JsonObject.class)) {
        alternatives.add(
            new Alternative(
                a.getString("provider"),
                a.getString("country"),
                a.getString("host"),
                a.getJsonNumber("score").doubleValue(),
                a.containsKey("forecastPeak")
                    ? a.getJsonNumber("forecastPeak").doubleValue()
                    : null));
      }
      return new Kept(o.getInt("hosts"), steps, alternatives);
    }
  }
}
