package eu.federa.portability.api;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.portability.ExitForm;
import eu.federa.portability.ExitView;
import eu.federa.portability.Exits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A tenant's switching and exit request (Data Act Art. 25): its admins see what a request would
 * mean ({@code GET .../quote}: dates and switching charge, before confirming), file it ({@code
 * POST}, 201; 409 when one is open), follow its timeline, extend the transition once, freeze orders
 * and cancel before the transition ends. Members other than admins get 403, other tenants 404.
 */
@Path("/v1/tenants/{tenant}/exits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExitResource {

  @Inject Exits exits;

  /** An extension: the new last day of the transition (UTC). */
  public record Extension(String newEndDate) {}

  /** Whether orders are frozen. */
  public record Freeze(boolean frozen) {}

  @GET
  @Path("quote")
  public Exits.Quote quote(
      @PathParam("tenant") long tenantId,
      @QueryParam("destination") String destination,
      @QueryParam("startDate") String startDate) {
    return exits.quote(tenantId, destination, startDate);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response request(@PathParam("tenant") long tenantId, ExitForm form) {
    if (form == null) {
      throw new InvalidInputException(FieldError.of("destination", "exit.error.destination"));
    }
    return Response.status(Response.Status.CREATED).entity(exits.request(tenantId, form)).build();
  }

  @GET
  @Path("current")
  public ExitView current(@PathParam("tenant") long tenantId) {
    return exits.current(tenantId).orElseThrow(() -> new NotFoundException("exit", tenantId));
  }

  @GET
  @Path("{exit}")
  public ExitView get(@PathParam("tenant") long tenantId, @PathParam("exit") long exitId) {
    return exits.exit(tenantId, exitId);
  }

  @POST
  @Path("{exit}/extension")
  @Consumes(MediaType.APPLICATION_JSON)
  public ExitView extend(
      @PathParam("tenant") long tenantId, @PathParam("exit") long exitId, Extension extension) {
    return exits.extend(tenantId, exitId, extension == null ? null : extension.newEndDate());
  }

  @POST
  @Path("{exit}/cancellation")
  public ExitView cancel(@PathParam("tenant") long tenantId, @PathParam("exit") long exitId) {
    return exits.cancel(tenantId, exitId);
  }

  @PUT
  @Path("{exit}/orders-frozen")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response freeze(
      @PathParam("tenant") long tenantId, @PathParam("exit") long exitId, Freeze freeze) {
    exits.freezeOrders(tenantId, exitId, freeze != null && freeze.frozen());
    return Response.noContent().build();
  }
}
