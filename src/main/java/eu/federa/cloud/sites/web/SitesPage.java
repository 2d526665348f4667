package eu.federa.cloud.sites.web;

import eu.federa.cloud.sites.FederationSites;
import eu.federa.cloud.sites.Site;
import eu.federa.cloud.sites.SiteMap;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Backs the map of the federation's sites: the bundled map of Europe and a marker per site. */
@Named
@RequestScoped
public class SitesPage {

  @Inject FederationSites federation;

  private List<Site> sites;
  private final List<Marker> markers = new ArrayList<>();
  private List<Shape> shapes;

  /**
   * A site where it falls on the map.
   *
   * @param x in the map's viewBox
   * @param y in the map's viewBox
   */
  public record Marker(Site site, String x, String y) {}

  /** A country of the map, marked when the federation has a site there. */
  public record Shape(String code, String path, boolean hasSites) {}

  @PostConstruct
  void load() {
    sites = federation.sites();
    SiteMap map = SiteMap.europe();
    for (Site s : sites) {
      if (s.located()) {
        SiteMap.Point p = map.place(s.latitude(), s.longitude());
        if (map.shows(p)) {
          markers.add(
              new Marker(
                  s,
                  String.format(Locale.ROOT, "%.1f", p.x()),
                  String.format(Locale.ROOT, "%.1f", p.y())));
        }
      }
    }
    Set<String> countries = sites.stream().map(Site::countryCode).collect(Collectors.toSet());
    shapes =
        map.countries().stream()
            .map(c -> new Shape(c.code(), c.path(), countries.contains(c.code())))
            .toList();
  }

  public List<Site> getSites() {
    return sites;
  }

  public List<Marker> getMarkers() {
    return markers;
  }

  public List<Shape> getShapes() {
    return shapes;
  }

  public String getViewBox() {
    return SiteMap.europe().viewBox();
  }

  /** Whether the site has a marker on the map. */
  public boolean onMap(Site site) {
    return markers.stream().anyMatch(m -> m.site().providerId() == site.providerId());
  }

  public long getCoreCount() {
    return sites.stream().filter(s -> !s.edge()).count();
  }

  public long getEdgeCount() {
    return sites.stream().filter(Site::edge).count();
  }
}
