package eu.federa.storage.api;

import eu.federa.storage.SnapshotView;
import eu.federa.storage.Snapshots;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A volume's snapshots, which stay with it from VM to VM: members read them; while the volume is
 * attached to no VM, members who may order restore one ({@code POST .../restore}, 202: its image is
 * put back in the background) or delete one (202). 409 while the volume is on a VM (its VM's
 * snapshots do it there, the VM stopped for a restore) or on its way; 404 for another tenant's
 * volume or snapshot. Snapshots are taken from the volume's VM ({@code /orders/{order}/snapshots}
 * with {@code volumeId}).
 */
@Path("/v1/tenants/{tenant}/volumes/{volume}/snapshots")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VolumeSnapshotResource {

  @Inject Snapshots snapshots;

  @GET
  public List<SnapshotView> list(
      @PathParam("tenant") long tenantId, @PathParam("volume") long volumeId) {
    return snapshots.ofVolume(tenantId, volumeId);
  }

  @POST
  @Path("{snapshot}/restore")
  public Response restore(
      @PathParam("tenant") long tenantId,
      @PathParam("volume") long volumeId,
      @PathParam("snapshot") long snapshotId) {
    return Response.accepted(snapshots.revertVolume(tenantId, volumeId, snapshotId)).build();
  }

  @DELETE
  @Path("{snapshot}")
  public Response delete(
      @PathParam("tenant") long tenantId,
      @PathParam("volume") long volumeId,
      @PathParam("snapshot") long snapshotId) {
    return Response.accepted(snapshots.deleteOfVolume(tenantId, volumeId, snapshotId)).build();
  }
}
