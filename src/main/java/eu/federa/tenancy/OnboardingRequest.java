package eu.federa.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An organisation's request to join the federation, decided once by a platform admin. */
@Entity
@Table(name = "onboarding_request")
public class OnboardingRequest {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "requester_subject", nullable = false)
  private String requesterSubject;

  @Column(name = "requester_email", length = 320)
  private String requesterEmail;

  @Column(name = "legal_name", nullable = false, length = 200)
  private String legalName;

  @Column(name = "country_code", nullable = false, length = 2, columnDefinition = "char(2)")
  private String countryCode;

  @Column(name = "vat_id", nullable = false, length = 20)
  private String vatId;

  @Column(name = "billing_email", nullable = false, length = 320)
  private String billingEmail;

  @Column(name = "residency_countries", nullable = false, length = 200)
  private String residencyCountries;

  @Column(name = "intended_use", nullable = false, length = 1000)
  private String intendedUse;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private OnboardingStatus status;

  @Column(name = "rejection_reason", length = 500)
  private String rejectionReason;

  @Column(name = "decided_by")
  private String decidedBy;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "tenant_id")
  private Long tenantId;

  @Column(name = "pending_vat_id", length = 20, unique = true)
  private String pendingVatId;

  @Column(name = "pending_requester", unique = true)
  private String pendingRequester;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected OnboardingRequest() {}

  OnboardingRequest(
      String requesterSubject,
      String requesterEmail,
      OnboardingForm form,
      VatId vatId,
      Residency residency,
      Instant now) {
    this.requesterSubject = requesterSubject;
    this.requesterEmail = requesterEmail;
    this.legalName = form.legalName().trim();
    this.countryCode = form.countryCode().trim().toUpperCase();
    this.vatId = vatId.value();
    this.billingEmail = form.billingEmail().trim();
    this.residencyCountries = residency.stored();
    this.intendedUse = form.intendedUse().trim();
    this.status = OnboardingStatus.PENDING;
    this.pendingVatId = this.vatId;
    this.pendingRequester = requesterSubject;
    this.createdAt = now;
  }

  /**
   * @throws AlreadyDecidedException when approved or rejected before
   */
  void approve(String adminSubject, long tenant, Instant now) {
    decide(OnboardingStatus.APPROVED, adminSubject, now);
    this.tenantId = tenant;
  }

  void reject(String adminSubject, String reason, Instant now) {
    decide(OnboardingStatus.REJECTED, adminSubject, now);
    this.rejectionReason = reason.trim();
  }

  private void decide(OnboardingStatus outcome, String adminSubject, Instant now) {
    if (status != OnboardingStatus.PENDING) {
      throw new AlreadyDecidedException(id, status);
    }
    this.status = outcome;
    this.decidedBy = adminSubject;
    this.decidedAt = now;
    this.pendingVatId = null;
    this.pendingRequester = null;
  }

  public Long getId() {
    return id;
  }

  public String getRequesterSubject() {
    return requesterSubject;
  }

  public String getRequesterEmail() {
    return requesterEmail;
  }

  public String getLegalName() {
    return legalName;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public String getVatId() {
    return vatId;
  }

  public String getBillingEmail() {
    return billingEmail;
  }

  public Residency getResidency() {
    return Residency.fromStored(residencyCountries);
  }

  public String getIntendedUse() {
    return intendedUse;
  }

  public OnboardingStatus getStatus() {
    return status;
  }

  public String getRejectionReason() {
    return rejectionReason;
  }

  public Instant getDecidedAt() {
    return decidedAt;
  }

  public Long getTenantId() {
    return tenantId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
