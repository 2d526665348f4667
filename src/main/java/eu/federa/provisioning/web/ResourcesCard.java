package eu.federa.provisioning.web;

import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.ResourceSummary;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The dashboard's resources card: the organisation's VMs and AI services at a glance. */
@Named
@RequestScoped
public class ResourcesCard {

  @Inject OrderQueries orders;
  @Inject CurrentTenant tenant;

  private ResourceSummary summary;

  @PostConstruct
  void load() {
    if (tenant.getId() != null && tenant.isMember()) {
      summary = orders.summary(tenant.getId());
    }
  }

  /** Null for a user without an organisation. */
  public ResourceSummary getSummary() {
    return summary;
  }
}
