package eu.federa.placement;

import eu.federa.placement.LatencyModel.Site;
import eu.federa.placement.PlacementRequest.Strategy;
import eu.federa.platform.validation.Between;
import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.TextRules;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a workload should run beyond its size and countries, as the orderer chose it: the same
 * choices for an order (VMs and AI services, by form or API), the what-if page and the placement
 * API, checked in one place, kept with the order and applied again when it is placed again.
 *
 * @param certifications every one must be held by the provider
 * @param edge {@code true} edge sites only, {@code false} core sites only, {@code null} either
 * @param siteName the users' site, for latency (named for the explanation)
 * @param latencyBudgetMs the longest acceptable round trip from the site, or {@code null}
 * @param includeProviders only these providers (empty: any)
 * @param excludeProviders never these
 * @param strategy {@code CHEAPEST} (default), {@code LOWEST_LATENCY}, {@code PACK}, {@code SPREAD}
 *     or {@code GREENEST}, as sent
 */
public record PlacementChoices(
    List<String> certifications,
    Boolean edge,
    String siteName,
    Double siteLatitude,
    Double siteLongitude,
    @Between(min = 1, max = 1000) Integer latencyBudgetMs,
    List<Long> includeProviders,
    List<Long> excludeProviders,
    String strategy)
    implements Serializable {

  /** Nothing chosen: anywhere the order's countries allow, the cheapest first. */
  public static final PlacementChoices NONE =
      new PlacementChoices(null, null, null, null, null, null, null, null, null);

  public static final int MAX_CERTIFICATIONS = 20;
  public static final int MAX_PROVIDERS = 50;

  /** Names of catalogue things: letters, digits and a few separators. */
  static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:+-]*");

  public PlacementChoices {
    // Copies that keep null entries, so that check() can name them.
    certifications = copy(certifications);
    includeProviders = copy(includeProviders);
    excludeProviders = copy(excludeProviders);
  }

  private static <T> List<T> copy(List<T> values) {
    return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** The choices, or {@link #NONE} for {@code null} (a form or body without them). */
  public static PlacementChoices orNone(PlacementChoices choices) {
    return choices == null ? NONE : choices;
  }

  /** Nothing chosen beyond the defaults. */
  public boolean none() {
    return certifications.isEmpty()
        && edge == null
        && site() == null
        && latencyBudgetMs == null
        && includeProviders.isEmpty()
        && excludeProviders.isEmpty()
        && strategyOrDefault() == Strategy.CHEAPEST;
  }

  /** Adds each problem with the choices to {@code errors}. */
  public void check(List<FieldError> errors) {
    errors.addAll(Constraints.check(this));
    if (siteLatitude != null || siteLongitude != null) {
      if (siteLatitude == null
          || siteLongitude == null
          || !(Math.abs(siteLatitude) <= 90)
          || !(Math.abs(siteLongitude) <= 180)) {
        errors.add(FieldError.of("site", "placement.error.site"));
      }
    } else if (latencyBudgetMs != null) {
      errors.add(FieldError.of("site", "placement.error.siteNeeded"));
    }
    if (siteName != null && !siteName.isBlank()) {
      TextRules.length(errors, "siteName", siteName, 1, 100);
    }
    if (certifications.size() > MAX_CERTIFICATIONS) {
      errors.add(FieldError.of("certifications", "api.error.tooMany", MAX_CERTIFICATIONS));
    } else if (certifications.stream()
        .anyMatch(c -> c == null || c.trim().length() > 40 || !WORD.matcher(c.trim()).matches())) {
      errors.add(FieldError.of("certifications", "placement.error.certification"));
    } else if (new HashSet<>(certifications).size() < certifications.size()) {
      errors.add(FieldError.of("certifications", "api.error.duplicate"));
    }
    providerIds(errors, "includeProviders", includeProviders);
    providerIds(errors, "excludeProviders", excludeProviders);
    parse(errors, "strategy", Strategy.class, strategy);
  }

  private static void providerIds(List<FieldError> errors, String field, List<Long> ids) {
    if (ids.size() > MAX_PROVIDERS) {
      errors.add(FieldError.of(field, "api.error.tooMany", MAX_PROVIDERS));
    } else if (ids.stream().anyMatch(id -> id == null || id <= 0)) {
      errors.add(FieldError.of(field, "placement.error.provider"));
    } else if (new HashSet<>(ids).size() < ids.size()) {
      errors.add(FieldError.of(field, "api.error.duplicate"));
    }
  }

  /**
   * The value of an enumeration named by {@code value} (any case), {@code null} for none; an
   * unknown name is added to {@code errors} (and gives {@code null}).
   */
  static <E extends Enum<E>> E parse(
      List<FieldError> errors, String field, Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          FieldError.of(
              field,
              "placement.error.choice",
              value.length() > 40 ? value.substring(0, 40) + "\u2026" : value));
      return null;
    }
  }

  /** The users' site, or {@code null} when none (or only half of one) is given. */
  public Site site() {
    if (siteLatitude == null || siteLongitude == null) {
      return null;
    }
    return new Site(
        siteName == null || siteName.isBlank() ? "your site" : siteName.trim(),
        new GeoPoint(siteLatitude, siteLongitude));
  }

  /** The strategy chosen, cheapest when none (or an unknown one, which check() refuses). */
  public Strategy strategyOrDefault() {
    Strategy chosen = parse(new ArrayList<>(), "strategy", Strategy.class, strategy);
    return chosen == null ? Strategy.CHEAPEST : chosen;
  }

  /** The certifications, trimmed, without blanks. */
  public Set<String> certificationSet() {
    Set<String> result = new HashSet<>();
    for (String value : certifications) {
      if (value != null && !value.isBlank()) {
        result.add(value.trim());
      }
    }
    return result;
  }

  /**
   * The request with these choices applied; the providers are left to the caller, who knows which
   * ones offer what is ordered (see {@link #includeProviders}). Call once {@link #check} found
   * nothing.
   */
  public PlacementRequest applyTo(PlacementRequest request) {
    return request
        .certified(certificationSet())
        .near(site(), latencyBudgetMs, edge)
        .preferring(strategyOrDefault());
  }

  /** As kept with an order: JSON, only what was chosen. */
  public String toJson() {
    JsonObjectBuilder o = Json.createObjectBuilder();
    if (!certifications.isEmpty()) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      certificationSet().stream().sorted().forEach(list::add);
      o.add("certifications", list);
    }
    if (edge != null) {
      o.add("edge", edge);
    }
    Site site = site();
    if (site != null) {
      o.add("siteName", site.name())
          .add("siteLatitude", siteLatitude)
          .add("siteLongitude", siteLongitude);
    }
    if (latencyBudgetMs != null) {
      o.add("latencyBudgetMs", latencyBudgetMs);
    }
    o.add("includeProviders", ids(includeProviders));
    o.add("excludeProviders", ids(excludeProviders));
    o.add("strategy", strategyOrDefault().name());
    return o.build().toString();
  }

  private static JsonArrayBuilder ids(List<Long> ids) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    ids.stream().sorted().forEach(list::add);
    return list;
  }

  /** The choices kept as {@link #toJson}; {@link #NONE} for none kept. */
  public static PlacementChoices fromJson(String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      List<String> certifications = new ArrayList<>();
      for (JsonValue v :
          o.getJsonArray("certifications") == null
              ? JsonValue.EMPTY_JSON_ARRAY
              : o.getJsonArray("certifications")) {
        certifications.add(((JsonString) v).getString());
      }
      return new PlacementChoices(
          certifications,
          o.containsKey("edge") ? o.getBoolean("edge") : null,
          o.getString("siteName", null),
          number(o, "siteLatitude"),
          number(o, "siteLongitude"),
          o.containsKey("latencyBudgetMs") ? o.getInt("latencyBudgetMs") : null,
          longs(o.getJsonArray("includeProviders")),
          longs(o.getJsonArray("excludeProviders")),
          o.getString("strategy", null));
    }
  }

  private static Double number(JsonObject o, String key) {
    JsonNumber n = o.getJsonNumber(key);
    return n == null ? null : n.doubleValue();
  }

  private static List<Long> longs(JsonArray array) {
    List<Long> ids = new ArrayList<>();
    if (array != null) {
      for (JsonNumber n : array.getValuesAs(JsonNumber.class)) {
        ids.add(n.longValue());
      }
    }
    return ids;
  }
}
