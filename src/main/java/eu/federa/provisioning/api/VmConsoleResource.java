package eu.federa.provisioning.api;

import eu.federa.platform.validation.ConflictException;
import eu.federa.provisioning.VmConsoles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.Set;

/**
 * A VM's console ({@code .../console}) or a notebook's JupyterLab ({@code .../notebook}): {@code
 * POST} makes a link signed for the caller (409 with the reason when the caller may not open it: no
 * console at the provider, not a member of the VM's project, the VM not running); opening the link
 * ({@code GET}) sends the browser on to the provider's console page, or back to the VM's page
 * saying why not (expired, not the caller's, no longer allowed). 404 for another tenant's VM.
 */
@Path("/v1")
@RequestScoped
public class VmConsoleResource {

  /** The reasons the VM's page knows how to say, as {@code console} there. */
  private static final Set<String> SAID =
      Set.of(
          "console.expired",
          "console.badLink",
          "console.none",
          "console.notMember",
          "console.notRunning",
          "console.notNotebook");

  @Inject VmConsoles consoles;
  @Context UriInfo uri;

  /** A link for the caller. */
  public record Link(String path, Instant expiresAt) {}

  @POST
  @Path("tenants/{tenant}/orders/{order}/console")
  @Produces(MediaType.APPLICATION_JSON)
  public Link consoleLink(@PathParam("tenant") long tenantId, @PathParam("order") long orderId) {
    return link(tenantId, orderId, VmConsoles.Target.CONSOLE);
  }

  @POST
  @Path("tenants/{tenant}/orders/{order}/notebook")
  @Produces(MediaType.APPLICATION_JSON)
  public Link notebookLink(@PathParam("tenant") long tenantId, @PathParam("order") long orderId) {
    return link(tenantId, orderId, VmConsoles.Target.NOTEBOOK);
  }

  private Link link(long tenantId, long orderId, VmConsoles.Target target) {
    return new Link(consoles.link(tenantId, orderId, target), Instant.now().plus(VmConsoles.VALID));
  }

  @GET
  @Path("tenants/{tenant}/orders/{order}/console")
  public Response openConsole(
      @PathParam("tenant") long tenantId,
      @PathParam("order") long orderId,
      @QueryParam("expires") long expires,
      @QueryParam("signature") String signature) {
    return open(tenantId, orderId, VmConsoles.Target.CONSOLE, expires, signature);
  }

  @GET
  @Path("tenants/{tenant}/orders/{order}/notebook")
  public Response openNotebook(
      @PathParam("tenant") long tenantId,
      @PathParam("order") long orderId,
      @QueryParam("expires") long expires,
      @QueryParam("signature") String signature) {
    return open(tenantId, orderId, VmConsoles.Target.NOTEBOOK, expires, signature);
  }

  private Response open(
      long tenantId, long orderId, VmConsoles.Target target, long expires, String signature) {
    try {
      return Response.seeOther(consoles.open(tenantId, orderId, target, expires, signature))
          .build();
    } catch (ConflictException refused) {
      String said = SAID.contains(refused.messageKey()) ? refused.messageKey() : "console.none";
      URI page =
          uri.getBaseUriBuilder()
              .path("..")
              .path("resource.xhtml")
              .queryParam("id", orderId)
              .queryParam("console", said.substring("console.".length()))
              .build()
              .normalize();
      return Response.seeOther(page).build();
    }
  }
}
