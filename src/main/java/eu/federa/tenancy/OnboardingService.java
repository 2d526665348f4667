package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Organisations join the federation: a signed-in user without organisation requests onboarding, a
 * platform admin approves (the tenant is created with the requester as its tenant admin) or rejects
 * with a reason. Each request is decided once.
 */
@ApplicationScoped
public class OnboardingService {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Messages messages;
  @Inject Event<TenantApproved> approved;
  @Inject Clock clock;
  @Inject UserAccountService accounts;

  /**
   * @throws OnboardingRejectedException with every problem found; nothing is saved
   */
  @Transactional
  public long submit(OnboardingForm form) {
    AuthenticatedUser user = signedIn();
    List<FieldError> errors = new ArrayList<>(OnboardingRules.check(form));
    if (isMember(user.subject())) {
      errors.add(FieldError.of(null, "onboarding.error.alreadyMember"));
    }
    if (exists(
        "select count(r) from OnboardingRequest r where r.requesterSubject = :v and r.status = 'PENDING'",
        user.subject())) {
      errors.add(FieldError.of(null, "onboarding.error.youHavePending"));
    }
    VatId vat = VatId.parse(form.countryCode(), form.vatId()).orElse(null);
    if (vat != null) {
      if (exists(
          "select count(t) from Tenant t where t.vatId = :v and t.closedAt is null", vat.value())) {
        errors.add(FieldError.of("vatId", "onboarding.error.organisationExists"));
      } else if (exists(
          "select count(r) from OnboardingRequest r where r.vatId = :v and r.status = 'PENDING'",
          vat.value())) {
        errors.add(FieldError.of("vatId", "onboarding.error.organisationPending"));
      }
    }
    if (!errors.isEmpty()) {
      throw new OnboardingRejectedException(errors);
    }
    OnboardingRequest request =
        new OnboardingRequest(
            user.subject(),
            user.email(),
            form,
            vat,
            new Residency(form.residencyCountries()),
            clock.instant());
    try {
      em.persist(request);
      em.flush();
    } catch (PersistenceException e) {
      // A concurrent request for the same organisation or by the same person won the unique key.
      throw new OnboardingRejectedException(
          List.of(FieldError.of("vatId", "onboarding.error.organisationPending")));
    }
    audit.success(AuditAction.ONBOARDING_REQUESTED, null, request.getLegalName(), vat.value());
    return request.getId();
  }

  /** The caller's own requests, newest first, so they can follow the decision. */
  @Transactional
  public List<OnboardingRequest> myRequests() {
    return em.createQuery(
            "select r from OnboardingRequest r where r.requesterSubject = :s order by r.createdAt desc, r.id desc",
            OnboardingRequest.class)
        .setParameter("s", signedIn().subject())
        .getResultList();
  }

  /** A request waiting for a decision, as the platform admins' queue shows it. */
  public record Pending(
      long id,
      String legalName,
      String countryCode,
      String vatId,
      String requesterEmail,
      boolean euOnly,
      List<String> residencyCountries,
      String intendedUse,
      Instant createdAt)
      implements java.io.Serializable {

    public Pending {
      residencyCountries = List.copyOf(residencyCountries);
    }
  }

  /**
   * A page of the requests waiting for a decision (platform admins), sorted in the database by
   * {@code legalName}, {@code countryCode} or {@code createdAt} (null or another: oldest first).
   */
  @Transactional
  public ResultPage<Pending> pending(int first, int max, String sortField, boolean descending) {
    caller.requirePlatformAdmin();
    String column =
        switch (sortField == null ? "" : sortField) {
          case "legalName" -> "r.legalName";
          case "countryCode" -> "r.countryCode";
          default -> "r.createdAt";
        };
    String direction = descending ? " desc" : " asc";
    long total =
        em.createQuery("select count(r) from OnboardingRequest r where r.status = :s", Long.class)
            .setParameter("s", OnboardingStatus.PENDING)
            .getSingleResult();
    List<Pending> rows =
        em.createQuery(
                "select r from OnboardingRequest r where r.status = :s order by "
                    + column
                    + direction
                    + ", r.id"
                    + direction,
                OnboardingRequest.class)
            .setParameter("s", OnboardingStatus.PENDING)
            .setFirstResult(Math.max(0, first))
            .setMaxResults(Math.max(1, max))
            .getResultStream()
            .map(
                r ->
                    new Pending(
                        r.getId(),
                        r.getLegalName(),
                        r.getCountryCode(),
                        r.getVatId(),
                        r.getRequesterEmail(),
                        r.getResidency().isEuOnly(),
                        r.getResidency().countries(),
                        r.getIntendedUse(),
                        r.getCreatedAt()))
            .toList();
    return new ResultPage<>(rows, total);
  }

  /**
   * Creates the tenant, with the requester as its tenant admin.
   *
   * @return the new tenant's id
   * @throws AlreadyDecidedException when the request was decided before (nothing changes)
   */
  @Transactional
  public long approve(long requestId) {
    return approve(requestId, null);
  }

  /**
   * Creates the tenant, with the requester as its tenant admin and the quotas of the chosen plan.
   *
   * @param planCode the quota plan, or {@code null} for the default plan
   * @return the new tenant's id
   * @throws AlreadyDecidedException when the request was decided before (nothing changes)
   * @throws eu.federa.platform.validation.InvalidInputException for an unknown plan (nothing
   *     changes)
   */
  @Transactional
  public long approve(long requestId, String planCode) {
    caller.requirePlatformAdmin();
    OnboardingRequest request = lockedRequest(requestId);
    if (request.getStatus() != OnboardingStatus.PENDING) {
      throw new AlreadyDecidedException(requestId, request.getStatus());
    }
    Tenant tenant = new Tenant(request, clock.instant());
    em.persist(tenant);
    em.persist(
        new Membership(
            tenant,
            request.getRequesterSubject(),
            accounts.bySubject(List.of(request.getRequesterSubject())).values().stream()
                .map(UserAccount::displayName)
                .findFirst()
                .orElse(null),
            TenantRole.TENANT_ADMIN,
            MembershipOrigin.ONBOARDING,
            clock.instant()));
    em.flush();
    approved.fire(new TenantApproved(tenant.getId(), planCode));
    request.approve(signedIn().subject(), tenant.getId(), clock.instant());
    audit.success(
        AuditAction.ONBOARDING_APPROVED,
        tenant.getId(),
        tenant.getName(),
        planCode == null ? AuditDetail.DEFAULT_PLAN.text() : AuditDetail.PLAN.text(planCode));
    tellRequester(
        request,
        tenant.getId(),
        MailTemplate.ONBOARDING_APPROVED,
        Map.of("tenant", tenant.getName()));
    return tenant.getId();
  }

  /**
   * @throws OnboardingRejectedException without a reason (1 to 500 characters)
   * @throws AlreadyDecidedException when the request was decided before (nothing changes)
   */
  @Transactional
  public void reject(long requestId, String reason) {
    caller.requirePlatformAdmin();
    if (reason == null || reason.isBlank() || reason.trim().length() > 500) {
      throw new OnboardingRejectedException(
          List.of(FieldError.of("reason", "form.error.length", 1, 500)));
    }
    OnboardingRequest request = lockedRequest(requestId);
    request.reject(signedIn().subject(), reason, clock.instant());
    audit.success(AuditAction.ONBOARDING_REJECTED, null, request.getLegalName(), reason.trim());
    tellRequester(
        request,
        null,
        MailTemplate.ONBOARDING_REJECTED,
        Map.of("organisation", request.getLegalName(), "reason", reason.trim()));
  }

  private void tellRequester(
      OnboardingRequest request, Long tenantId, MailTemplate message, Map<String, ?> values) {
    if (request.getRequesterEmail() != null) {
      messages.send(tenantId, request.getRequesterEmail(), message, values);
    }
  }

  private boolean isMember(String subject) {
    return em.createQuery("select count(m) from Membership m where m.userSubject = :s", Long.class)
            .setParameter("s", subject)
            .getSingleResult()
        > 0;
  }

  /**
   * Locks the request row: of two admins deciding at once, the second sees the first's decision.
   */
  private OnboardingRequest lockedRequest(long requestId) {
    OnboardingRequest request =
        em.find(OnboardingRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
    if (request == null) {
      throw new OnboardingRequestNotFoundException(requestId);
    }
    return request;
  }

  private boolean exists(String countQuery, String value) {
    return em.createQuery(countQuery, Long.class).setParameter("v", value).getSingleResult() > 0;
  }

  private AuthenticatedUser signedIn() {
    return caller.user().orElseThrow(() -> new AccessDeniedException("Sign in first"));
  }
}
