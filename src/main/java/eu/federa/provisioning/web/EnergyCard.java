package eu.federa.provisioning.web;

import eu.federa.energy.Footprint;
import eu.federa.platform.web.Charts;
import eu.federa.platform.web.FormMessages;
import eu.federa.provisioning.OrderQueries;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Backs the Costs page's energy card: what the organisation's running VMs draw and emit per month,
 * in total and by project (issue #20).
 */
@Named
@ViewScoped
public class EnergyCard implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OrderQueries orders;
  @Inject CurrentTenant tenant;

  private OrderQueries.TenantEnergy energy;

  @PostConstruct
  void open() {
    if (tenant.getId() != null) {
      energy = orders.energy(tenant.getId());
    }
  }

  public OrderQueries.TenantEnergy getEnergy() {
    return energy;
  }

  /** kg CO₂e a month by project (the organisation's own VMs under its own label). */
  public String getByProjectChart() {
    Map<String, BigDecimal> kg = new TreeMap<>();
    if (energy != null) {
      String none = FormMessages.text("billing.noProject");
      for (Map.Entry<Long, Footprint> e : energy.byProject().entrySet()) {
        String name =
            e.getKey() == null
                ? none
                : energy.projectNames().getOrDefault(e.getKey(), "#" + e.getKey());
        kg.merge(
            name,
            BigDecimal.valueOf(e.getValue().kgCo2ePerMonth()).setScale(2, RoundingMode.HALF_UP),
            BigDecimal::add);
      }
    }
    return Charts.of(kg, "bar", "kg CO\u2082e", FormMessages.locale());
  }
}
