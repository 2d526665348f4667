package eu.federa.provisioning.api;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.VmBackups;
import eu.federa.storage.BackupView;
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
 * A tenant's backups, also of VMs that ended: members read them; members who may order delete one
 * (202: deleted in the background) and restore one into a new VM ({@code POST {backup}/restore},
 * 201 with the new order's id, placed like any order at the backup's provider). 404 for another
 * tenant's backup; 400 with the reason for a bad name or key; 409 when the backup is not ready or
 * the provider has no room. A VM's own backups are made from {@link VmBackupResource}.
 */
@Path("/v1/tenants/{tenant}/backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BackupResource {

  @Inject VmBackups vmBackups;

  /** A request body: the new VM's name, and one key per restore asked (a retry orders once). */
  public record Restore(String name, String idempotencyKey) {}

  @GET
  public List<BackupView> list(@PathParam("tenant") long tenantId) {
    return vmBackups.list(tenantId);
  }

  @GET
  @Path("{backup}")
  public BackupView get(@PathParam("tenant") long tenantId, @PathParam("backup") long backupId) {
    return vmBackups.backup(tenantId, backupId);
  }

  @DELETE
  @Path("{backup}")
  public Response delete(@PathParam("tenant") long tenantId, @PathParam("backup") long backupId) {
    return Response.accepted(vmBackups.delete(tenantId, backupId)).build();
  }

  @POST
  @Path("{backup}/restore")
  public Response restore(
      @PathParam("tenant") long tenantId, @PathParam("backup") long backupId, Restore body) {
    if (body == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    long orderId = vmBackups.restore(tenantId, backupId, body.name(), body.idempotencyKey());
    return Response.status(Response.Status.CREATED)
        .entity(new OrderResource.Created(orderId))
        .build();
  }
}
