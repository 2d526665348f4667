package eu.federa.tenancy.web;

import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.tenancy.AlreadyDecidedException;
import eu.federa.tenancy.OnboardingRejectedException;
import eu.federa.tenancy.OnboardingService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.primefaces.model.LazyDataModel;

/** Backs the platform admins' queue of onboarding requests. */
@Named
@ViewScoped
public class OnboardingDecisions implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OnboardingService onboarding;

  /** Requests a page of the queue shows. */
  static final int ROWS = 25;

  private LazyDataModel<OnboardingService.Pending> pending;
  private final Map<Long, String> plans = new HashMap<>();
  private Long selectedId;
  private String reason;

  @PostConstruct
  public void load() {
    pending =
        ServerPagedList.of(
            (first, max, field, descending) ->
                CDI.current()
                    .select(OnboardingService.class)
                    .get()
                    .pending(first, max, field, descending),
            ROWS,
            OnboardingService.Pending::id);
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

  public LazyDataModel<OnboardingService.Pending> getPending() {
    return pending;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
