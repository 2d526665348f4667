package eu.federa.tenancy.web;

import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.tenancy.AlreadyDecidedException;
import eu.federa.tenancy.OnboardingRejectedException;
import eu.federa.tenancy.OnboardingRequest;
import eu.federa.tenancy.OnboardingService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Backs the platform admins' queue of onboarding requests. */
@Named
@ViewScoped
public class OnboardingDecisions implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OnboardingService onboarding;

  private transient List<OnboardingRequest> pending;
  private final Map<Long, String> plans = new HashMap<>();
  private Long selectedId;
  private String reason;

  @PostConstruct
  public void load() {
    pending = onboarding.pending();
  }

  public void approve(long requestId) {
    try {
      onboarding.approve(requestId, plans.get(requestId));
      FormMessages.info("onboarding.approved");
    } catch (AlreadyDecidedException e) {
      FormMessages.info("onboarding.alreadyDecided");
    } catch (InvalidInputException e) {
      FormMessages.show(null, e.errors());
    }
    load();
  }

  /** The quota plan chosen for each request (absent: the default plan). */
  public Map<Long, String> getPlans() {
    return plans;
  }

  public void select(long requestId) {
    selectedId = requestId;
    reason = null;
  }

  public void reject() {
    try {
      onboarding.reject(selectedId, reason);
      FormMessages.info("onboarding.rejected");
    } catch (OnboardingRejectedException e) {
      FormMessages.show("reject", e.errors());
    } catch (AlreadyDecidedException e) {
      FormMessages.info("onboarding.alreadyDecided");
    }
    load();
  }

  public List<OnboardingRequest> getPending() {
    if (pending == null) { // not kept in the session: read again on the node that serves it
      load();
    }
    return pending;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
