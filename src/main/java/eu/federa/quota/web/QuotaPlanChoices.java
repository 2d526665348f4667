package eu.federa.quota.web;

import eu.federa.quota.QuotaPlan;
import eu.federa.quota.QuotaPlans;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The quota plans to choose from, for the approval of onboarding requests. */
@Named
@RequestScoped
public class QuotaPlanChoices {

  @Inject QuotaPlans quotas;

  private List<QuotaPlan> plans;

  @PostConstruct
  void load() {
    plans = quotas.plans();
  }

  public List<QuotaPlan> getPlans() {
    return plans;
  }

  public String getDefaultPlan() {
    return QuotaPlans.DEFAULT_PLAN;
  }
}
