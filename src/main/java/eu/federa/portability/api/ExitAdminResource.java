package eu.federa.portability.api;

import eu.federa.platform.api.ApiPage;
import eu.federa.portability.ExitView;
import eu.federa.portability.Exits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The federation's open exit requests, for platform admins, who may make a transition longer than
 * the tenant's (up to seven months) with a written justification. Anyone else gets 403.
 */
@Path("/v1/admin/exits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExitAdminResource {

  @Inject Exits exits;

  /** A longer transition: its new last day (UTC) and why. */
  public record Justification(String newEndDate, String justification) {}

  /** A page of them, the next deadline first ({@code first}, {@code max}: 50 unless asked). */
  @GET
  public List<ExitView> open(@BeanParam ApiPage page) {
    return exits.open(page.first(), page.max()).rows();
  }

  @POST
  @Path("{exit}/justification")
  @Consumes(MediaType.APPLICATION_JSON)
  public ExitView justify(@PathParam("exit") long exitId, Justification j) {
    return exits.justify(
        exitId, j == null ? null : j.newEndDate(), j == null ? null : j.justification());
  }
}
