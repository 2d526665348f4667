package eu.federa.provisioning.web;

import eu.federa.provisioning.RebalancePlans;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Backs the platform admins' rebalancing page: the plan as it would be made now. */
@Named
@ViewScoped
public class RebalancingPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject RebalancePlans plans;

  private RebalancePlans.View view;

  @PostConstruct
  void open() {
    view = plans.now();
  }

  /** Plans again from the inventory now. */
  public void refresh() {
    view = plans.now();
  }

  public RebalancePlans.View getView() {
    return view;
  }
}
