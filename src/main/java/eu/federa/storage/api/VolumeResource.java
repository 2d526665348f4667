package eu.federa.storage.api;

import eu.federa.storage.VolumeView;
import eu.federa.storage.Volumes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A tenant's volumes: members read them; members who may order delete one attached to no VM (202:
 * its image is deleted in the background; 409 while it is attached). Another tenant's volume
 * answers 404. Volumes are made, attached and detached from their VM ({@code
 * /orders/{order}/volumes}).
 */
@Path("/v1/tenants/{tenant}/volumes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VolumeResource {

  @Inject Volumes volumes;

  @GET
  public List<VolumeView> list(@PathParam("tenant") long tenantId) {
    return volumes.list(tenantId);
  }

  @GET
  @Path("{volume}")
  public VolumeView get(@PathParam("tenant") long tenantId, @PathParam("volume") long volumeId) {
    return volumes.volume(tenantId, volumeId);
  }

  @DELETE
  @Path("{volume}")
  public Response delete(@PathParam("tenant") long tenantId, @PathParam("volume") long volumeId) {
    volumes.delete(tenantId, volumeId);
    return Response.accepted(volumes.volume(tenantId, volumeId)).build();
  }
}
