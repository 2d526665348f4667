package eu.federa.provisioning.api;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.VmSnapshots;
import eu.federa.storage.SnapshotView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
 * Snapshots of a VM's disks (its own, or a volume attached to it: {@code volumeId}): members read
 * them; members who may order take one ({@code POST}, 202: taken in the background), restore one
 * while the VM is stopped (409 otherwise) and delete one. 404 for another tenant's VM, volume or
 * snapshot; 400 with the reason for a bad name; 409 beyond the project's limit or the disk quota,
 * or for a volume on its way on or off the VM.
 */
@Path("/v1/tenants/{tenant}/orders/{order}/snapshots")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VmSnapshotResource {

  @Inject VmSnapshots snapshots;

  /** A request body: the snapshot's name, and the volume it is of (none: the VM's own disk). */
  public record NewSnapshot(String name, Long volumeId) {}

  @GET
  public List<SnapshotView> list(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId) {
    return snapshots.list(tenantId, orderId);
  }

  @POST
  public Response take(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId, NewSnapshot body) {
    if (body == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    return Response.accepted(snapshots.take(tenantId, orderId, body.name(), body.volumeId()))
        .build();
  }

  @POST
  @Path("{snapshot}/restore")
  public Response restore(
      @PathParam("tenant") long tenantId,
      @PathParam("order") long orderId,
      @PathParam("snapshot") long snapshotId) {
    return Response.accepted(snapshots.restore(tenantId, orderId, snapshotId)).build();
  }

  @DELETE
  @Path("{snapshot}")
  public Response delete(
      @PathParam("tenant") long tenantId,
      @PathParam("order") long orderId,
      @PathParam("snapshot") long snapshotId) {
    return Response.accepted(snapshots.delete(tenantId, orderId, snapshotId)).build();
  }
}
