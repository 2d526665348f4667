package eu.federa.energy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each country's grid carbon intensity, a yearly average (seeded from the EEA, updatable by
 * platform admins, each change audited). A country without its own value is given the EU-27 average
 * ({@code EU}).
 */
@ApplicationScoped
public class GridIntensities {

  /** The row of the EU-27 average. */
  public static final String EU_AVERAGE = "EU";

  /** Used only if even the average row was removed by hand. */
  static final double FALLBACK_GRAMS = 226;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** One country's intensity as kept. */
  public record Intensity(
      String countryCode,
      BigDecimal gramsCo2ePerKwh,
      int year,
      String source,
      Instant updatedAt,
      String updatedBy)
      implements Serializable {}

  /** A change of one country's intensity, before it is checked. */
  public record IntensityForm(BigDecimal gramsCo2ePerKwh, Integer year, String source)
      implements Serializable {}

  /** Every country's intensity, the EU average first, then by country code (anyone may read). */
  @Transactional
  public List<Intensity> all() {
    List<Intensity> result = new ArrayList<>();
    for (Row r :
        Row.all(
            em.createNativeQuery(
                "SELECT country_code, g_co2e_per_kwh, year, source, updated_at, updated_by"
                    + " FROM grid_intensity ORDER BY country_code <> 'EU', country_code"))) {
      result.add(
          new Intensity(r.str(0), r.decimal(1), r.integer(2), r.str(3), r.instant(4), r.str(5)));
    }
    return result;
  }

  /** Grams of CO₂e per kWh by country code, for placement and estimates (one statement). */
  @Transactional
  public Table table() {
    Map<String, Double> grams = new HashMap<>();
    for (Row r :
        Row.all(em.createNativeQuery("SELECT country_code, g_co2e_per_kwh FROM grid_intensity"))) {
      grams.put(r.str(0), r.decimal(1).doubleValue());
    }
    return new Table(grams);
  }

  /** The intensities read at once; a country without its own value gets the EU average. */
  public record Table(Map<String, Double> gramsByCountry) implements Serializable {

    public Table {
      gramsByCountry = Map.copyOf(gramsByCountry);
    }

    public double gramsCo2ePerKwh(String countryCode) {
      Double own = countryCode == null ? null : gramsByCountry.get(countryCode);
      if (own != null) {
        return own;
      }
      return gramsByCountry.getOrDefault(EU_AVERAGE, FALLBACK_GRAMS);
    }
  }

  /**
   * Sets one country's intensity (platform admins), or the EU average ({@code EU}).
   *
   * @throws InvalidInputException naming each bad field
   */
  @Transactional
  public Intensity set(String countryCode, IntensityForm form) {
    caller.requirePlatformAdmin();
    String code = countryCode == null ? "" : countryCode.trim().toUpperCase(Locale.ROOT);
    List<FieldError> errors = new ArrayList<>();
    if (!EU_AVERAGE.equals(code) && !EuropeanCountries.codes().contains(code)) {
      errors.add(FieldError.of("countryCode", "placement.error.country", countryCode));
    }
    BigDecimal grams = form == null ? null : form.gramsCo2ePerKwh();
    if (grams == null || grams.signum() < 0 || grams.compareTo(BigDecimal.valueOf(2000)) > 0) {
      errors.add(FieldError.of("gramsCo2ePerKwh", "energy.error.grams"));
    }
    Integer year = form == null ? null : form.year();
    if (year == null || year < 1990 || year > 2100) {
      errors.add(FieldError.of("year", "energy.error.year"));
    }
    String source = form == null ? null : form.source();
    TextRules.length(errors, "source", source, 2, 300);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Instant now = clock.instant();
    String by = caller.user().map(u -> u.username()).orElse("?");
    BigDecimal value = grams.setScale(1, RoundingMode.HALF_UP);
    Object before =
        em.createNativeQuery("SELECT g_co2e_per_kwh FROM grid_intensity WHERE country_code = ?1")
            .setParameter(1, code)
            .getResultStream()
            .findFirst()
            .orElse(null);
    em.createNativeQuery(
            "INSERT INTO grid_intensity"
                + " (country_code, g_co2e_per_kwh, year, source, updated_at, updated_by)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON DUPLICATE KEY UPDATE"
                + " g_co2e_per_kwh = VALUES(g_co2e_per_kwh), year = VALUES(year),"
                + " source = VALUES(source), updated_at = VALUES(updated_at),"
                + " updated_by = VALUES(updated_by)")
        .setParameter(1, code)
        .setParameter(2, value)
        .setParameter(3, year)
        .setParameter(4, source.trim())
        .setParameter(5, now)
        .setParameter(6, by)
        .executeUpdate();
    audit.success(
        AuditAction.GRID_INTENSITY_CHANGED,
        null,
        AuditTarget.Kind.GRID_INTENSITY.of(code),
        before == null
            ? AuditDetail.GRID_FIRST.text(value.toPlainString(), year)
            : AuditDetail.GRID.text(before, value.toPlainString(), year));
    return new Intensity(code, value, year, source.trim(), now, by);
  }
}
