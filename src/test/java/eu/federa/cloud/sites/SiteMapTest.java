package eu.federa.cloud.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled map and the markers put on it agree: a city falls inside its own country. */
class SiteMapTest {

  private final SiteMap map = SiteMap.europe();

  @Test
  void everyCapitalOfTheFederationFallsInsideItsCountry() {
    Object[][] cities = {
      {"FR", 48.86, 2.35}, {"DE", 52.52, 13.40}, {"SI", 46.06, 14.51}, {"HR", 45.81, 15.98},
      {"PL", 52.23, 21.01}, {"FI", 60.17, 24.94}, {"PT", 39.60, -8.40}, {"ES", 40.42, -3.70},
      {"IT", 41.90, 12.50}, {"NL", 52.37, 4.90}, {"IS", 64.90, -18.50}, {"CY", 34.90, 32.90},
      {"GR", 37.98, 23.73}, {"NO", 61.50, 9.50}
    };
    for (Object[] city : cities) {
      SiteMap.Point p = map.place((double) city[1], (double) city[2]);
      assertThat(map.shows(p)).as(city[0] + " on the map").isTrue();
      assertThat(countryAt(p)).as("the country at " + city[0] + "'s capital").isEqualTo(city[0]);
    }
  }

  @Test
  void placesFarFromEuropeAreNotOnTheMap() {
    assertThat(map.shows(map.place(40.71, -74.01))).isFalse(); // New York
    assertThat(map.shows(map.place(-33.87, 151.21))).isFalse(); // Sydney
    assertThat(map.shows(map.place(1.35, 103.82))).isFalse(); // Singapore
  }

  @Test
  void theMapIsSmallEnoughToSendWithThePage() {
    long bytes = map.countries().stream().mapToLong(c -> c.path().length()).sum();
    assertThat(bytes).isLessThan(250_000);
    assertThat(map.viewBox()).startsWith("0 0 1000 ");
    assertThat(map.countries()).extracting(SiteMap.Country::code).contains("FR", "SI", "MT", "LU");
  }

  /** The code of the country whose outline holds {@code p} (even-odd rule), or null. */
  private String countryAt(SiteMap.Point p) {
    for (SiteMap.Country c : map.countries()) {
      boolean inside = false;
      for (List<double[]> ring : rings(c.path())) {
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
          double[] a = ring.get(i);
          double[] b = ring.get(j);
          if ((a[1] > p.y()) != (b[1] > p.y())
              && p.x() < (b[0] - a[0]) * (p.y() - a[1]) / (b[1] - a[1]) + a[0]) {
            inside = !inside;
          }
        }
      }
      if (inside) {
        return c.code();
      }
    }
    return null;
  }

  private static List<List<double[]>> rings(String path) {
    List<List<double[]>> rings = new ArrayList<>();
    List<double[]> ring = null;
    String[] tokens = path.trim().split(" ");
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.equals("Z")) {
        continue;
      }
      if (t.startsWith("M")) {
        ring = new ArrayList<>();
        rings.add(ring);
      }
      double x = Double.parseDouble(t.substring(1));
      double y = Double.parseDouble(tokens[++i]);
      ring.add(new double[] {x, y});
    }
    return rings;
  }
}
