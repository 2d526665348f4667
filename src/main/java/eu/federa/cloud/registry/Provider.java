package eu.federa.cloud.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A cloud provider of the federation: who runs it, where, and how Federa reaches its OpenNebula.
 */
@Entity
@Table(name = "provider")
public class Provider {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100, unique = true)
  private String name;

  @Column(name = "legal_entity", nullable = false, length = 200)
  private String legalEntity;

  @Column(name = "country_code", nullable = false, length = 2, columnDefinition = "char(2)")
  private String countryCode;

  @Column(nullable = false, length = 100)
  private String city;

  @Column(nullable = false, precision = 9, scale = 6)
  private BigDecimal latitude;

  @Column(nullable = false, precision = 9, scale = 6)
  private BigDecimal longitude;

  @Column(nullable = false, length = 100)
  private String jurisdiction;

  @Column(nullable = false, length = 500)
  private String certifications = "";

  @Column(name = "endpoint_url", nullable = false, length = 500)
  private String endpointUrl;

  @Column(name = "api_username", nullable = false, length = 100)
  private String apiUsername;

  @Column(name = "api_secret", nullable = false, length = 1000)
  private String apiSecret;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "edge_site", nullable = false)
  private boolean edgeSite;

  /** Its data centre's power usage effectiveness; null: Federa's default. */
  @Column(precision = 4, scale = 2)
  private BigDecimal pue;

  /** What one of its hosts draws idle and fully busy; null: the default of its class. */
  @Column(name = "host_idle_watts")
  private Integer hostIdleWatts;

  @Column(name = "host_full_watts")
  private Integer hostFullWatts;

  @Column(length = 2000)
  private String notes;

  @Column(name = "public_network", length = 128)
  private String publicNetwork;

  @Column(name = "console_url", length = 500)
  private String consoleUrl;

  @Column(name = "legal_seat_country", length = 2, columnDefinition = "char(2)")
  private String legalSeatCountry;

  @Column(name = "datacentre_countries", nullable = false, length = 200)
  private String datacentreCountries = "";

  @Column(name = "access_measures", nullable = false, length = 500)
  private String accessMeasures = "";

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected Provider() {}

  Provider(ProviderForm form, String sealedSecret, Instant now) {
    this.createdAt = now;
    apply(form, sealedSecret);
  }

  /**
   * Takes the form's values; the secret only as sealed by the caller (never the form's plain one),
   * null keeping the stored one.
   */
  void apply(ProviderForm form, String sealedSecret) {
    this.name = form.name().trim();
    this.legalEntity = form.legalEntity().trim();
    this.countryCode = form.countryCode().trim().toUpperCase();
    this.city = form.city().trim();
    this.latitude = form.latitude();
    this.longitude = form.longitude();
    this.jurisdiction = form.jurisdiction().trim();
    this.certifications = String.join(";", form.certifications());
    this.endpointUrl = form.endpointUrl().trim();
    this.apiUsername = form.apiUsername().trim();
    if (sealedSecret != null) {
      this.apiSecret = sealedSecret;
    }
    this.enabled = form.enabled();
    this.edgeSite = form.edgeSite();
    this.notes = form.notes() == null || form.notes().isBlank() ? null : form.notes().trim();
    this.publicNetwork =
        form.publicNetwork() == null || form.publicNetwork().isBlank()
            ? null
            : form.publicNetwork().trim();
    this.consoleUrl =
        form.consoleUrl() == null || form.consoleUrl().isBlank() ? null : form.consoleUrl().trim();
  }

  /** The console page of a VM ({@code {vmId}} its id), or null when the provider offers none. */
  public String getConsoleUrl() {
    return consoleUrl;
  }

  /** The network public addresses are leased from, or null when the provider offers none. */
  public String getPublicNetwork() {
    return publicNetwork;
  }

  void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getLegalEntity() {
    return legalEntity;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public String getCity() {
    return city;
  }

  public BigDecimal getLatitude() {
    return latitude;
  }

  public BigDecimal getLongitude() {
    return longitude;
  }

  public String getJurisdiction() {
    return jurisdiction;
  }

  public List<String> getCertifications() {
    return certifications.isBlank() ? List.of() : Arrays.asList(certifications.split(";"));
  }

  public String getCertificationsText() {
    return String.join(", ", getCertifications());
  }

  public String getEndpointUrl() {
    return endpointUrl;
  }

  public String getApiUsername() {
    return apiUsername;
  }

  /** Only for building the client; never put on a page or in a log. */
  /** The secret as stored: sealed (see platform.security.SecretSeal). */
  String sealedSecret() {
    return apiSecret;
  }

  /** Sealed again with the current key (key rotation). */
  void resealed(String sealedSecret) {
    this.apiSecret = sealedSecret;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public boolean isEdgeSite() {
    return edgeSite;
  }

  public BigDecimal getPue() {
    return pue;
  }

  public Integer getHostIdleWatts() {
    return hostIdleWatts;
  }

  public Integer getHostFullWatts() {
    return hostFullWatts;
  }

  /** Its PUE and hosts' power (each null: the default). */
  void energy(BigDecimal pue, Integer hostIdleWatts, Integer hostFullWatts) {
    this.pue = pue;
    this.hostIdleWatts = hostIdleWatts;
    this.hostFullWatts = hostFullWatts;
  }

  public String getNotes() {
    return notes;
  }

  public long getVersion() {
    return version;
  }

  /** Its public register (Data Act Art. 28). */
  public SovereigntyRegister register() {
    return new SovereigntyRegister(
        id,
        name,
        legalEntity,
        legalSeatCountry == null ? countryCode : legalSeatCountry,
        datacentreCountries.isBlank()
            ? List.of(countryCode)
            : List.of(datacentreCountries.split(";")),
        jurisdiction,
        accessMeasures.isBlank()
            ? List.of()
            : java.util.Arrays.stream(accessMeasures.split(";"))
                .map(AccessMeasure::valueOf)
                .sorted()
                .toList(),
        List.copyOf(getCertifications()));
  }

  /** A platform admin changed its register (the change was checked). */
  void changeRegister(SovereigntyRegister.Change change) {
    this.legalSeatCountry = change.legalSeatCountry().trim();
    this.datacentreCountries = String.join(";", change.countries());
    this.accessMeasures =
        String.join(";", change.measures().stream().sorted().map(Enum::name).toList());
  }
}
