package eu.federa.devstack;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the bundled map of Europe ({@code cloud/sites/europe-50m.txt}) from Natural Earth's 1:50m
 * country boundaries (public domain) as the npm package {@code world-atlas@2.0.2} (ISC) carries
 * them in TopoJSON. Run once when the map should change; the portal reads only the text file:
 *
 * <pre>
 * npm install --prefix target/map world-atlas@2.0.2
 * java -cp "target/test-classes:$(cat target/launcher.classpath)" eu.federa.devstack.EuropeMapData \
 *   target/map/node_modules/world-atlas/countries-50m.json \
 *   src/main/resources/eu/federa/cloud/sites/europe-50m.txt
 * </pre>
 *
 * Each line is one polygon of a country: its ISO 3166-1 alpha-2 code (or {@code --}), a tab, then
 * its rings separated by {@code |} (the outer ring first, holes after), each ring "lon,lat" pairs
 * in degrees with two decimals. Only polygons with a point near Europe are kept.
 */
public final class EuropeMapData {

  /** ISO 3166-1 numeric to alpha-2, for the countries drawn (Natural Earth names some "-99"). */
  private static final Map<String, String> ALPHA2 =
      Map.ofEntries(
          Map.entry("008", "AL"),
          Map.entry("020", "AD"),
          Map.entry("040", "AT"),
          Map.entry("056", "BE"),
          Map.entry("070", "BA"),
          Map.entry("100", "BG"),
          Map.entry("112", "BY"),
          Map.entry("191", "HR"),
          Map.entry("196", "CY"),
          Map.entry("203", "CZ"),
          Map.entry("208", "DK"),
          Map.entry("233", "EE"),
          Map.entry("246", "FI"),
          Map.entry("250", "FR"),
          Map.entry("276", "DE"),
          Map.entry("300", "GR"),
          Map.entry("348", "HU"),
          Map.entry("352", "IS"),
          Map.entry("372", "IE"),
          Map.entry("380", "IT"),
          Map.entry("428", "LV"),
          Map.entry("438", "LI"),
          Map.entry("440", "LT"),
          Map.entry("442", "LU"),
          Map.entry("470", "MT"),
          Map.entry("492", "MC"),
          Map.entry("498", "MD"),
          Map.entry("499", "ME"),
          Map.entry("528", "NL"),
          Map.entry("578", "NO"),
          Map.entry("616", "PL"),
          Map.entry("620", "PT"),
          Map.entry("642", "RO"),
          Map.entry("643", "RU"),
          Map.entry("674", "SM"),
          Map.entry("688", "RS"),
          Map.entry("703", "SK"),
          Map.entry("705", "SI"),
          Map.entry("724", "ES"),
          Map.entry("752", "SE"),
          Map.entry("756", "CH"),
          Map.entry("792", "TR"),
          Map.entry("804", "UA"),
          Map.entry("807", "MK"),
          Map.entry("826", "GB"),
          Map.entry("012", "DZ"),
          Map.entry("504", "MA"),
          Map.entry("788", "TN"),
          Map.entry("434", "LY"),
          Map.entry("818", "EG"),
          Map.entry("268", "GE"),
          Map.entry("051", "AM"),
          Map.entry("031", "AZ"),
          Map.entry("398", "KZ"),
          Map.entry("760", "SY"),
          Map.entry("368", "IQ"),
          Map.entry("364", "IR"),
          Map.entry("422", "LB"),
          Map.entry("376", "IL"),
          Map.entry("400", "JO"),
          Map.entry("304", "GL"),
          Map.entry("234", "FO"),
          Map.entry("336", "VA"),
          Map.entry("682", "SA"),
          Map.entry("275", "PS"));

  private EuropeMapData() {}

  public static void main(String[] args) throws IOException {
    JsonObject topology;
    try (Reader in = Files.newBufferedReader(Path.of(args[0]));
        JsonReader json = Json.createReader(in)) {
      topology = json.readObject();
    }
    JsonArray scale = topology.getJsonObject("transform").getJsonArray("scale");
    JsonArray translate = topology.getJsonObject("transform").getJsonArray("translate");
    List<double[][]> arcs = new ArrayList<>();
    for (JsonValue arc : topology.getJsonArray("arcs")) {
      JsonArray points = arc.asJsonArray();
      double[][] decoded = new double[points.size()][2];
      long x = 0;
      long y = 0;
      for (int i = 0; i < points.size(); i++) {
        x += points.getJsonArray(i).getJsonNumber(0).longValue();
        y += points.getJsonArray(i).getJsonNumber(1).longValue();
        decoded[i][0] =
            x * scale.getJsonNumber(0).doubleValue() + translate.getJsonNumber(0).doubleValue();
        decoded[i][1] =
            y * scale.getJsonNumber(1).doubleValue() + translate.getJsonNumber(1).doubleValue();
      }
      arcs.add(decoded);
    }
    StringBuilder out = new StringBuilder();
    out.append(
        "# Europe's countries, from Natural Earth's 1:50m Admin 0 boundaries (public domain,\n"
            + "# naturalearthdata.com) as carried by world-atlas 2.0.2 (ISC). Written by\n"
            + "# eu.federa.devstack.EuropeMapData; see there for the format.\n");
    int polygons = 0;
    for (JsonValue g :
        topology.getJsonObject("objects").getJsonObject("countries").getJsonArray("geometries")) {
      JsonObject geometry = g.asJsonObject();
      String id = geometry.containsKey("id") ? geometry.getString("id") : "";
      String code = ALPHA2.getOrDefault(id, "--");
      List<JsonArray> parts = new ArrayList<>();
      switch (geometry.getString("type")) {
        case "Polygon" -> parts.add(geometry.getJsonArray("arcs"));
        case "MultiPolygon" ->
            geometry.getJsonArray("arcs").forEach(p -> parts.add(p.asJsonArray()));
        default -> {}
      }
      for (JsonArray polygon : parts) {
        List<String> rings = new ArrayList<>();
        boolean near = false;
        for (JsonValue ringArcs : polygon) {
          StringBuilder ring = new StringBuilder();
          String last = null;
          for (JsonValue a : ringArcs.asJsonArray()) {
            int index = ((jakarta.json.JsonNumber) a).intValue();
            double[][] arc = arcs.get(index < 0 ? ~index : index);
            for (int k = 0; k < arc.length; k++) {
              double[] p = arc[index < 0 ? arc.length - 1 - k : k];
              near |= p[0] >= -32 && p[0] <= 50 && p[1] >= 27 && p[1] <= 75;
              String point = String.format(Locale.ROOT, "%.2f,%.2f", p[0], p[1]);
              if (!point.equals(last)) {
                ring.append(ring.isEmpty() ? "" : " ").append(point);
                last = point;
              }
            }
          }
          rings.add(ring.toString());
        }
        if (near) {
          out.append(code).append('\t').append(String.join("|", rings)).append('\n');
          polygons++;
        }
      }
    }
    Files.writeString(Path.of(args[1]), out.toString());
    System.out.println(polygons + " polygons written to " + args[1]);
  }
}
