package eu.federa.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An organisation using the federation. */
@Entity
@Table(name = "tenant")
public class Tenant {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(name = "country_code", nullable = false, length = 2, columnDefinition = "char(2)")
  private String countryCode;

  /** Unique among open organisations only (see {@link #getClosedAt}). */
  @Column(name = "vat_id", nullable = false, length = 20)
  private String vatId;

  @Column(name = "billing_email", nullable = false, length = 320)
  private String billingEmail;

  @Column(name = "residency_countries", nullable = false, length = 200)
  private String residencyCountries;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /**
   * Set by the organisation's erasure (a native update): it left, and no longer holds its VAT id.
   */
  @Column(name = "closed_at", insertable = false, updatable = false)
  private Instant closedAt;

  /** Suspended by a platform admin since then (null: not suspended). */
  @Column(name = "suspended_at")
  private Instant suspendedAt;

  @Column(name = "suspended_reason", length = 500)
  private String suspendedReason;

  @Column(name = "suspended_by", length = 255)
  private String suspendedBy;

  @Column(name = "suspension_powers_off", nullable = false)
  private boolean suspensionPowersOff;

  @Version
  @Column(nullable = false)
  private long version;

  protected Tenant() {}

  Tenant(OnboardingRequest request, Instant now) {
    this.name = request.getLegalName();
    this.countryCode = request.getCountryCode();
    this.vatId = request.getVatId();
    this.billingEmail = request.getBillingEmail();
    this.residencyCountries = request.getResidency().stored();
    this.createdAt = now;
  }

  /** A tenant set up without an onboarding request (demo organisations). */
  Tenant(
      String name,
      String countryCode,
      VatId vatId,
      String billingEmail,
      Residency residency,
      Instant now) {
    this.name = name;
    this.countryCode = countryCode;
    this.vatId = vatId.value();
    this.billingEmail = billingEmail;
    this.residencyCountries = residency.stored();
    this.createdAt = now;
  }

  /** When it left Federa (its data erased), or null while it is a customer. */
  public Instant getClosedAt() {
    return closedAt;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public String getVatId() {
    return vatId;
  }

  public Residency getResidency() {
    return Residency.fromStored(residencyCountries);
  }

  String getBillingEmail() {
    return billingEmail;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  public boolean isSuspended() {
    return suspendedAt != null;
  }

  public Instant getSuspendedAt() {
    return suspendedAt;
  }

  public String getSuspendedReason() {
    return suspendedReason;
  }

  public String getSuspendedBy() {
    return suspendedBy;
  }

  /** Whether the suspension powered its running VMs off. */
  public boolean isSuspensionPowersOff() {
    return suspensionPowersOff;
  }

  /** Suspends the organisation: its members may read, export and leave, not act. */
  void suspend(String reason, String by, boolean powerOff, Instant at) {
    this.suspendedAt = at;
    this.suspendedReason = reason;
    this.suspendedBy = by;
    this.suspensionPowersOff = powerOff;
  }

  void resume() {
    this.suspendedAt = null;
    this.suspendedReason = null;
    this.suspendedBy = null;
    this.suspensionPowersOff = false;
  }
}
