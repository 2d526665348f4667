package eu.federa.provisioning.api;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.VmBackups;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Backups of one VM: members read them and the daily schedule; members who may order make one now
 * ({@code POST}, 202: made in the background) and set the schedule ({@code PUT schedule}: how many
 * daily backups to keep, 0 for none). 404 for another tenant's VM; 400 with the reason for bad
 * input; 409 while the VM cannot be backed up or its provider keeps no backups. The tenant's
 * backups, also of VMs that ended, are {@link BackupResource}'s.
 */
@Path("/v1/tenants/{tenant}/orders/{order}/backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VmBackupResource {

  @Inject VmBackups vmBackups;

  /** A request body: the backup's name. */
  public record NewBackup(String name) {}

  /** A request body: how many daily backups to keep (0: no daily backups). */
  public record Schedule(Integer keep) {}

  @GET
  public VmBackups.Overview ofVm(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId) {
    return vmBackups.overview(tenantId, orderId);
  }

  @POST
  public Response take(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId, NewBackup body) {
    if (body == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    return Response.accepted(vmBackups.take(tenantId, orderId, body.name())).build();
  }

  @PUT
  @Path("schedule")
  public VmBackups.Overview schedule(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId, Schedule body) {
    if (body == null || body.keep() == null) {
      throw new InvalidInputException(FieldError.of("keep", "api.error.body"));
    }
    return vmBackups.schedule(tenantId, orderId, body.keep());
  }
}
