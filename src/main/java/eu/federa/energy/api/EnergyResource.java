package eu.federa.energy.api;

import eu.federa.cloud.registry.HostPowers;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.registry.ProviderRegistry.EnergyForm;
import eu.federa.energy.GridIntensities;
import eu.federa.energy.GridIntensities.Intensity;
import eu.federa.energy.GridIntensities.IntensityForm;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The grid carbon intensities behind energy estimates and the greenest placement: read by anyone
 * signed in, set by platform admins.
 */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnergyResource {

  @Inject GridIntensities intensities;
  @Inject ProviderRegistry registry;
  @Inject HostPowers powers;

  @GET
  @Path("grid-intensities")
  public List<Intensity> intensities() {
    return intensities.all();
  }

  /** Sets one country's yearly average (or {@code EU}, the average used for others). */
  @PUT
  @Path("admin/grid-intensities/{country}")
  public Intensity set(@PathParam("country") String country, IntensityForm form) {
    if (form == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    return intensities.set(country, form);
  }

  /**
   * Sets a provider's PUE and its hosts' idle and full power (platform admins; each null: Federa's
   * default); answers what was saved.
   */
  @PUT
  @Path("admin/providers/{provider}/energy")
  public EnergyForm setProviderEnergy(@PathParam("provider") long providerId, EnergyForm form) {
    if (form == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    return registry.setEnergy(providerId, form);
  }

  /**
   * Sets one host's own idle and full power (platform admins; both null: its provider's again);
   * {@code host} is the host's id in Federa's registry, as the provider page lists it. Answers what
   * the host has now.
   */
  @PUT
  @Path("admin/providers/{provider}/hosts/{host}/power")
  public HostPowers.PowerForm setHostPower(
      @PathParam("provider") long providerId,
      @PathParam("host") long hostId,
      HostPowers.PowerForm form) {
    if (form == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    HostPowers.Power now = powers.set(providerId, hostId, form.idleWatts(), form.fullWatts());
    return now == null
        ? new HostPowers.PowerForm(null, null)
        : new HostPowers.PowerForm(now.idleWatts(), now.fullWatts());
  }
}
