package eu.federa.provisioning.api;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.VmVolumes;
import eu.federa.storage.VolumeView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * A VM's volumes: members read them (and the volumes it could take); members who may order add a
 * new one ({@code POST}, 202: made and attached in the background), attach an available one and
 * detach one. 404 for another tenant's VM or volume, 409 when the VM or the volume is not in a
 * state that allows it, 400 with the reason for a bad name or size.
 */
@Path("/v1/tenants/{tenant}/orders/{order}/volumes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VmVolumeResource {

  @Inject VmVolumes volumes;

  /** A request body: the new volume's name and size. */
  public record NewVolume(String name, Integer sizeGib) {}

  @GET
  public VmVolumes.Overview get(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId) {
    return volumes.overview(tenantId, orderId);
  }

  @POST
  public Response add(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId, NewVolume body) {
    if (body == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    VolumeView added =
        volumes.add(
            tenantId, orderId, body.name(), body.sizeGib() == null ? 0 : body.sizeGib().intValue());
    return Response.accepted(added)
        .location(URI.create("v1/tenants/" + tenantId + "/volumes/" + added.id()))
        .build();
  }

  @POST
  @Path("{volume}/attach")
  public Response attach(
      @PathParam("tenant") long tenantId,
      @PathParam("order") long orderId,
      @PathParam("volume") long volumeId) {
    return Response.accepted(volumes.attach(tenantId, orderId, volumeId)).build();
  }

  @POST
  @Path("{volume}/detach")
  public Response detach(
      @PathParam("tenant") long tenantId,
      @PathParam("order") long orderId,
      @PathParam("volume") long volumeId) {
    return Response.accepted(volumes.detach(tenantId, orderId, volumeId)).build();
  }
}
