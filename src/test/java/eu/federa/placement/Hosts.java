package eu.federa.placement;

import eu.federa.placement.Candidate.Gpu;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds inventory for placement tests: {@code Hosts.at("Paris", "FR").cores(32)...}. */
final class Hosts {

  static final GeoPoint PARIS = new GeoPoint(48.8566, 2.3522);
  static final GeoPoint FRANKFURT = new GeoPoint(50.1109, 8.6821);
  static final GeoPoint WARSAW = new GeoPoint(52.2297, 21.0122);
  static final GeoPoint LISBON = new GeoPoint(38.7223, -9.1393);

  private static long nextHostId = 1;

  private final String provider;
  private final long providerId;
  private final String country;
  private GeoPoint location = PARIS;
  private Set<String> certifications = Set.of();
  private boolean edge;
  private boolean publicAddresses;
  private boolean usable = true;
  private boolean monitored = true;
  private double cores = 32;
  private double freeCores = 32;
  private long freeMemoryMib = 128 * 1024;
  private long freeDiskMib = 1024 * 1024;
  private final List<Gpu> gpus = new ArrayList<>();
  private BigDecimal price;
  private String name;
  private double carbon;
  private Double forecastPeak;

  private Hosts(String provider, long providerId, String country) {
    this.provider = provider;
    this.providerId = providerId;
    this.country = country;
  }

  static Hosts at(String provider, long providerId, String country) {
    return new Hosts(provider, providerId, country);
  }

  Hosts named(String hostName) {
    this.name = hostName;
    return this;
  }

  Hosts located(GeoPoint point) {
    this.location = point;
    return this;
  }

  Hosts certified(String... names) {
    this.certifications = Set.of(names);
    return this;
  }

  Hosts withPublicAddresses() {
    this.publicAddresses = true;
    return this;
  }

  Hosts edge() {
    this.edge = true;
    return this;
  }

  Hosts down() {
    this.usable = false;
    return this;
  }

  Hosts disabledHost() {
    this.monitored = false;
    return this;
  }

  Hosts cores(double total, double free) {
    this.cores = total;
    this.freeCores = free;
    return this;
  }

  Hosts memoryGib(long free) {
    this.freeMemoryMib = free * 1024;
    return this;
  }

  Hosts diskGib(long free) {
    this.freeDiskMib = free * 1024;
    return this;
  }

  Hosts gpu(String pciClass, String deviceName, int count) {
    for (int i = 0; i < count; i++) {
      gpus.add(new Gpu("0" + (gpus.size() + 1) + ":00.0", pciClass, deviceName));
    }
    return this;
  }

  /** Grams of CO2e per kWh of IT power there (grid intensity × PUE). */
  Hosts carbon(double gramsPerItKwh) {
    this.carbon = gramsPerItKwh;
    return this;
  }

  /** The next 24 hours' forecast peak of its CPU use, in percent. */
  Hosts forecastPeak(double percent) {
    this.forecastPeak = percent;
    return this;
  }

  Hosts price(String eurPerHour) {
    this.price = new BigDecimal(eurPerHour);
    return this;
  }

  Candidate build() {
    long id = nextHostId++;
    return new Candidate(
        id,
        0,
        name == null ? provider.toLowerCase() + "-" + id : name,
        0,
        provider.toLowerCase() + "-cluster",
        providerId,
        provider,
        country,
        certifications,
        edge,
        location,
        usable,
        monitored,
        freeCores,
        freeMemoryMib,
        freeDiskMib,
        cores,
        gpus,
        price,
        publicAddresses,
        carbon,
        forecastPeak);
  }
}
