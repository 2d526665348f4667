package eu.federa.cloud.sites;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled map of Europe (Natural Earth's 1:50m countries, {@code europe-50m.txt} beside this
 * class; no online tiles) drawn in the EU's own map projection, Lambert azimuthal equal-area
 * centred on 52° N 10° E (as ETRS89-LAEA, EPSG:3035, on a sphere), as SVG paths in a viewBox {@link
 * #WIDTH} wide; and where a place of given latitude and longitude falls on it. Read and drawn once.
 */
public final class SiteMap {

  public static final double WIDTH = 1000;

  private static final double LAT0 = Math.toRadians(52);
  private static final double LON0 = Math.toRadians(10);

  /**
   * Places that frame the map: Iceland, Portugal, the Canaries' north, Cyprus, North Cape, Finland.
   */
  private static final double[][] FRAME = {
    {64.5, -24.5}, {36.9, -9.5}, {35.0, 34.6}, {71.2, 25.8}, {69.0, 31.0}, {34.8, 24.0}
  };

  private static final SiteMap EUROPE = load("europe-50m.txt");

  private final double minX;
  private final double maxY;
  private final double scale;
  private final double height;
  private final List<Country> countries;

  /**
   * A country's outline.
   *
   * @param code ISO 3166-1 alpha-2, or {@code --} for an area the data gives none
   * @param path SVG path data, in the map's viewBox; its holes drawn with the even-odd rule
   */
  public record Country(String code, String path) {}

  /** A point on the map, in its viewBox. */
  public record Point(double x, double y) {}

  private SiteMap(List<String[]> polygons) {
    double x0 = Double.MAX_VALUE;
    double x1 = -Double.MAX_VALUE;
    double y0 = Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    for (double[] place : FRAME) {
      double[] p = project(place[0], place[1]);
      x0 = Math.min(x0, p[0]);
      x1 = Math.max(x1, p[0]);
      y0 = Math.min(y0, p[1]);
      y1 = Math.max(y1, p[1]);
    }
    double pad = (x1 - x0) * 0.03;
    minX = x0 - pad;
    maxY = y1 + pad;
    scale = WIDTH / (x1 - x0 + 2 * pad);
    height = Math.round((y1 - y0 + 2 * pad) * scale);
    Map<String, StringBuilder> paths = new LinkedHashMap<>();
    int unnamed = 0;
    for (String[] polygon : polygons) {
      String code = polygon[0];
      String key = "--".equals(code) ? "--" + unnamed++ : code;
      StringBuilder d = paths.computeIfAbsent(key, k -> new StringBuilder());
      for (String ring : polygon[1].split("\\|")) {
        appendRing(d, ring);
      }
    }
    List<Country> drawn = new ArrayList<>();
    paths.forEach(
        (key, d) -> {
          if (!d.isEmpty()) {
            drawn.add(new Country(key.startsWith("--") ? "--" : key, d.toString()));
          }
        });
    countries = List.copyOf(drawn);
  }

  /** The map of Europe, read once. */
  public static SiteMap europe() {
    return EUROPE;
  }

  public List<Country> countries() {
    return countries;
  }

  public double height() {
    return height;
  }

  /** The SVG viewBox of the map. */
  public String viewBox() {
    return String.format(Locale.ROOT, "0 0 %.0f %.0f", WIDTH, height);
  }

  /** Where a place falls on the map (possibly outside it, for a place far from Europe). */
  public Point place(double latitude, double longitude) {
    double[] p = project(latitude, longitude);
    return new Point((p[0] - minX) * scale, (maxY - p[1]) * scale);
  }

  /** Whether a place falls within the map's frame. */
  public boolean shows(Point p) {
    return p.x() >= 0 && p.x() <= WIDTH && p.y() >= 0 && p.y() <= height;
  }

  /** Spherical Lambert azimuthal equal-area, on a sphere of radius 1; {x, y}, y to the north. */
  static double[] project(double latitudeDeg, double longitudeDeg) {
    double lat = Math.toRadians(latitudeDeg);
    double dLon = Math.toRadians(longitudeDeg) - LON0;
    double cosC = Math.sin(LAT0) * Math.sin(lat) + Math.cos(LAT0) * Math.cos(lat) * Math.cos(dLon);
    double k = Math.sqrt(2 / Math.max(1 + cosC, 1e-9));
    return new double[] {
      k * Math.cos(lat) * Math.sin(dLon),
      k * (Math.cos(LAT0) * Math.sin(lat) - Math.sin(LAT0) * Math.cos(lat) * Math.cos(dLon))
    };
  }

  /**
   * One ring as "M x y L ... Z". Points far outside the frame are pulled onto a border well outside
   * it (what is drawn inside stays exact, since the data's segments are short); points closer than
   * one unit (about 4 km) to the last are left out.
   */
  private void appendRing(StringBuilder d, String ring) {
    double lastX = Double.NaN;
    double lastY = Double.NaN;
    int points = 0;
    StringBuilder r = new StringBuilder();
    for (String pair : ring.split(" ")) {
      int comma = pair.indexOf(',');
      double lon = Double.parseDouble(pair.substring(0, comma));
      double lat = Double.parseDouble(pair.substring(comma + 1));
      Point p = place(lat, lon);
      double x = clamp(p.x(), -100, WIDTH + 100);
      double y = clamp(p.y(), -100, height + 100);
      if (points > 0 && Math.abs(x - lastX) < 1 && Math.abs(y - lastY) < 1) {
        continue;
      }
      r.append(points == 0 ? "M" : "L")
          .append(String.format(Locale.ROOT, "%.1f %.1f", x, y))
          .append(' ');
      lastX = x;
      lastY = y;
      points++;
    }
    if (points >= 3 && !allOutside(r)) {
      d.append(r).append("Z ");
    }
  }

  private boolean allOutside(StringBuilder ring) {
    // A ring pulled entirely onto the outer border draws nothing visible.
    for (String step : ring.toString().split(" (?=[ML])")) {
      String[] xy = step.substring(1).trim().split(" ");
      double x = Double.parseDouble(xy[0]);
      double y = Double.parseDouble(xy[1]);
      if (x > -100 && x < WIDTH + 100 && y > -100 && y < height + 100) {
        return false;
      }
    }
    return true;
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  private static SiteMap load(String name) {
    List<String[]> polygons = new ArrayList<>();
    try (InputStream in = SiteMap.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The map " + name + " is missing beside SiteMap");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.startsWith("#") && !line.isBlank()) {
          polygons.add(line.split("\t", 2));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SiteMap(polygons);
  }
}
