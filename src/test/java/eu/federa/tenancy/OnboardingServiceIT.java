package eu.federa.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.federa.mail.Outbox;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.quota.TenantQuota;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Onboarding through the real database: request, approval into a tenant, rejection, bad input. */
class OnboardingServiceIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject OnboardingService onboarding;
  @Inject TenantAccess access;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Outbox outbox;

  private static final AuthenticatedUser ADMIN = PlatformAdminCaller.user;

  @AfterEach
  void restore() {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
  }

  private static AuthenticatedUser newRequester() {
    String id = UUID.randomUUID().toString();
    PlatformAdminCaller.platformAdmin = false;
    PlatformAdminCaller.user =
        new AuthenticatedUser(
            id, "pat-" + id, "pat@nordlicht.example", "Pat Novak", "Pat", "partner");
    return PlatformAdminCaller.user;
  }

  private static void asAdmin() {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
  }

  /** A French VAT id no other test uses: two check characters and nine digits. */
  private static String freshFrenchVat() {
    return "FR"
        + String.format(
            "%02d%09d",
            ThreadLocalRandom.current().nextInt(100),
            ThreadLocalRandom.current().nextInt(1_000_000_000));
  }

  private static OnboardingForm form(String vat) {
    return new OnboardingForm(
        "Nordlicht Research SAS",
        "FR",
        vat,
        "billing@nordlicht.example",
        List.of("FR", "de"),
        "GPU training of open-weight models for climate research");
  }

  private static Set<String> keys(OnboardingRejectedException e) {
    return e.errors().stream().map(FieldError::messageKey).collect(Collectors.toSet());
  }

  @Test
  void approvalGrantsTheChosenQuotaPlanAndAnUnknownPlanApprovesNothing() {
    AuthenticatedUser requester = newRequester();
    long id = onboarding.submit(form(freshFrenchVat()));
    asAdmin();
    InvalidInputException unknown =
        assertThrows(InvalidInputException.class, () -> onboarding.approve(id, "gold"));
    assertEquals("quota.error.plan", unknown.errors().get(0).messageKey());
    assertTrue(
        onboarding.pending(0, 10_000, null, false).rows().stream().anyMatch(r -> r.id() == id),
        "still pending");

    long tenantId = onboarding.approve(id, "large");
    PlatformAdminCaller.user = requester;
    PlatformAdminCaller.platformAdmin = false;
    TenantQuota quota = em.find(TenantQuota.class, tenantId);
    assertEquals("large", quota.getPlanCode());
    assertEquals(512, quota.limits().vcpu());
    assertEquals(new BigDecimal("100000.00"), quota.limits().monthlyBudgetEur());
  }

  @Test
  void approvalCreatesTheTenantWithTheRequesterAsTenantAdmin() {
    AuthenticatedUser requester = newRequester();
    long id = onboarding.submit(form(freshFrenchVat()));
    assertEquals(OnboardingStatus.PENDING, onboarding.myRequests().get(0).getStatus());

    asAdmin();
    assertTrue(
        onboarding.pending(0, 10_000, null, false).rows().stream().anyMatch(r -> r.id() == id));
    long tenantId = onboarding.approve(id);

    PlatformAdminCaller.user = requester;
    PlatformAdminCaller.platformAdmin = false;
    OnboardingRequest decided = onboarding.myRequests().get(0);
    assertEquals(OnboardingStatus.APPROVED, decided.getStatus());
    assertEquals(tenantId, decided.getTenantId());
    MyMembership membership = access.mine().get(0);
    assertEquals(TenantRole.TENANT_ADMIN, membership.role());
    assertEquals("Nordlicht Research SAS", membership.tenantName());
    assertEquals(List.of("DE", "FR"), em.find(Tenant.class, tenantId).getResidency().countries());
    assertEquals(
        "standard", em.find(TenantQuota.class, tenantId).getPlanCode(), "the default plan");
    assertTrue(
        outbox.ofTenant(tenantId, 10).stream()
            .anyMatch(m -> m.getSubject().contains("Nordlicht Research SAS can use Federa")),
        "the requester is told of the approval");
  }

  @Test
  void rejectionNeedsAReasonAndIsShownToTheRequester() {
    AuthenticatedUser requester = newRequester();
    long id = onboarding.submit(form(freshFrenchVat()));

    asAdmin();
    assertThrows(OnboardingRejectedException.class, () -> onboarding.reject(id, "  "));
    onboarding.reject(id, "Please use your company's registered legal name.");

    PlatformAdminCaller.user = requester;
    OnboardingRequest decided = onboarding.myRequests().get(0);
    assertEquals(OnboardingStatus.REJECTED, decided.getStatus());
    assertEquals("Please use your company's registered legal name.", decided.getRejectionReason());
  }

  @Test
  void aDecidedRequestCannotBeDecidedAgain() {
    newRequester();
    long id = onboarding.submit(form(freshFrenchVat()));
    asAdmin();
    onboarding.approve(id);

    assertThrows(AlreadyDecidedException.class, () -> onboarding.approve(id));
    assertThrows(AlreadyDecidedException.class, () -> onboarding.reject(id, "too late"));
  }

  @Test
  void badInputIsRefusedWithEveryProblemAndNothingIsSaved() {
    newRequester();
    OnboardingForm bad =
        new OnboardingForm("", "FR", "FR123", "not-an-email", List.of("US"), "short");

    OnboardingRejectedException e =
        assertThrows(OnboardingRejectedException.class, () -> onboarding.submit(bad));

    assertEquals(
        Set.of(
            "{federa.text.required}",
            "{federa.text.length}",
            "onboarding.error.vat",
            "{federa.email}",
            "onboarding.error.residency"),
        keys(e));
    assertTrue(onboarding.myRequests().isEmpty());
  }

  @Test
  void aSecondRequestForTheSameOrganisationIsRefused() {
    String vat = freshFrenchVat();
    newRequester();
    onboarding.submit(form(vat));

    newRequester();
    OnboardingRejectedException e =
        assertThrows(OnboardingRejectedException.class, () -> onboarding.submit(form(vat)));
    assertEquals(Set.of("onboarding.error.organisationPending"), keys(e));

    AuthenticatedUser first = PlatformAdminCaller.user;
    assertTrue(onboarding.myRequests().isEmpty(), "nothing was saved for " + first.username());
  }

  @Test
  void oneOpenRequestPerPerson() {
    newRequester();
    onboarding.submit(form(freshFrenchVat()));

    OnboardingRejectedException e =
        assertThrows(
            OnboardingRejectedException.class, () -> onboarding.submit(form(freshFrenchVat())));
    assertEquals(Set.of("onboarding.error.youHavePending"), keys(e));
  }

  @Test
  void onlyPlatformAdminsSeeAndDecideRequests() {
    newRequester();
    long id = onboarding.submit(form(freshFrenchVat()));

    assertThrows(AccessDeniedException.class, () -> onboarding.pending(0, 25, null, false));
    assertThrows(AccessDeniedException.class, () -> onboarding.approve(id));
    assertThrows(AccessDeniedException.class, () -> onboarding.reject(id, "no"));
  }

  @Test
  void anUnknownRequestIsNotFound() {
    asAdmin();
    assertThrows(OnboardingRequestNotFoundException.class, () -> onboarding.approve(987654321));
  }
}
