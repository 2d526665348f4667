package eu.federa.energy.web;

import eu.federa.energy.GridIntensities;
import eu.federa.energy.PowerDefaults;
import eu.federa.energy.PowerModel;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Backs {@code energy-method.xhtml}, readable without signing in: how Federa estimates the energy
 * and CO₂e of workloads (docs/energy.md), with the defaults and grid intensities it uses now.
 */
@Named
@RequestScoped
public class EnergyMethodPage {

  @Inject GridIntensities intensities;

  private List<GridIntensities.Intensity> rows;

  /** Every country's grid intensity as kept now, the EU average first. */
  public List<GridIntensities.Intensity> getIntensities() {
    if (rows == null) {
      rows = intensities.all();
    }
    return rows;
  }

  public List<PowerDefaults.GpuBoard> getGpus() {
    return PowerDefaults.GPU_BOARDS;
  }

  public int getOtherGpuWatts() {
    return PowerDefaults.OTHER_GPU_WATTS;
  }

  public double getPue() {
    return PowerDefaults.PUE;
  }

  public PowerModel getCoreHost() {
    return PowerDefaults.CORE_HOST;
  }

  public PowerModel getEdgeHost() {
    return PowerDefaults.EDGE_HOST;
  }

  public double getHostCpuUsePercent() {
    return PowerDefaults.HOST_CPU_USE * 100;
  }

  public double getGpuUsePercent() {
    return PowerDefaults.GPU_USE * 100;
  }
}
