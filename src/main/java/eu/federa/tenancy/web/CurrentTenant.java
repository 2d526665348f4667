package eu.federa.tenancy.web;

import eu.federa.tenancy.MyMembership;
import eu.federa.tenancy.OnboardingRequest;
import eu.federa.tenancy.OnboardingService;
import eu.federa.tenancy.OnboardingStatus;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import eu.federa.tenancy.TenantRole;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The tenant the signed-in user works in for this request, chosen in the header among their
 * memberships. Memberships are read from the database on every request (with the sign-in check, in
 * the request's first statement), so a membership removed elsewhere shows at once.
 */
@Named
@RequestScoped
public class CurrentTenant {

  @Inject TenantAccess access;
  @Inject OnboardingService onboarding;
  @Inject TenantSelection selection;

  private List<MyMembership> memberships;
  private MyMembership membership;
  private OnboardingRequest latestRequest;

  @PostConstruct
  void load() {
    memberships = access.mineThisRequest();
    Long selected = selection.tenantId();
    membership =
        memberships.stream()
            .filter(m -> selected != null && m.tenantId() == selected)
            .findFirst()
            .orElse(memberships.isEmpty() ? null : memberships.get(0));
    selection.select(membership == null ? null : membership.tenantId());
    if (membership == null) {
      List<OnboardingRequest> requests = onboarding.myRequests();
      latestRequest = requests.isEmpty() ? null : requests.get(0);
    }
  }

  public boolean isMember() {
    return membership != null;
  }

  /** The tenant's id, or {@code null} for a user without tenant. */
  public Long getId() {
    return membership == null ? null : membership.tenantId();
  }

  public String getName() {
    return membership == null ? null : membership.tenantName();
  }

  /** Whether a platform admin suspended the organisation: its members read, export and leave. */
  public boolean isSuspended() {
    return membership != null && membership.suspended();
  }

  /** Why it is suspended, as the platform admin wrote it. */
  public String getSuspendedReason() {
    return membership == null ? null : membership.suspendedReason();
  }

  public String getRole() {
    return membership == null ? null : membership.role().name();
  }

  public boolean isAdmin() {
    return membership != null && membership.role() == TenantRole.TENANT_ADMIN;
  }

  /**
   * The projects the user is an admin of here (read with the memberships; none for a tenant admin).
   */
  public java.util.Set<Long> getAdministeredProjects() {
    return membership == null ? java.util.Set.of() : membership.administeredProjectIds();
  }

  /** Whether the user may ask for exports here: a tenant admin, or an admin of a project. */
  public boolean isExporter() {
    return isAdmin() || !getAdministeredProjects().isEmpty();
  }

  public boolean isAllowedBilling() {
    return membership != null && membership.role().allows(TenantPermission.SEE_BILLING);
  }

  public List<MyMembership> getMemberships() {
    return memberships;
  }

  public OnboardingRequest getLatestRequest() {
    return latestRequest;
  }

  public boolean isRequestPending() {
    return latestRequest != null && latestRequest.getStatus() == OnboardingStatus.PENDING;
  }

  public boolean isRequestRejected() {
    return latestRequest != null && latestRequest.getStatus() == OnboardingStatus.REJECTED;
  }
}
