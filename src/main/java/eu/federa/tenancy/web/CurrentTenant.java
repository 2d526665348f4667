package eu.federa.tenancy.web;

import eu.federa.tenancy.Membership;
import eu.federa.tenancy.OnboardingRequest;
import eu.federa.tenancy.OnboardingService;
import eu.federa.tenancy.OnboardingStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The signed-in user's organisation for this request: read from the database on every request, so
 * that a membership removed elsewhere shows at once.
 */
@Named
@RequestScoped
public class CurrentTenant {

  @Inject OnboardingService onboarding;

  private Membership membership;
  private OnboardingRequest latestRequest;

  @PostConstruct
  void load() {
    List<Membership> memberships = onboarding.myMemberships();
    membership = memberships.isEmpty() ? null : memberships.get(0);
    if (membership == null) {
      List<OnboardingRequest> requests = onboarding.myRequests();
      latestRequest = requests.isEmpty() ? null : requests.get(0);
    }
  }

  public boolean isMember() {
    return membership != null;
  }

  public String getName() {
    return membership == null ? null : membership.getTenant().getName();
  }

  public String getRole() {
    return membership == null ? null : membership.getRole().name();
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
