package eu.federa.portability.api;

import eu.federa.platform.api.ApiPage;
import eu.federa.portability.ExitView;
import eu.federa.portability.Exits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Erasure records, for the people who were admins of the tenant when its erasure started (they are
 * members of nothing any more): the list of theirs, and each record as signed JSON, its signature,
 * or a PDF certificate. Anyone else gets 404.
 */
@Path("/v1/exit-records")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExitRecordResource {

  @Inject Exits exits;

  /** A page of them, newest first ({@code first}, {@code max}: 50 unless asked). */
  @GET
  public List<ExitView> mine(@BeanParam ApiPage page) {
    return exits.myRecords(page.first(), page.max()).rows();
  }

  @GET
  @Path("{exit}")
  public Response json(@PathParam("exit") long exitId) {
    return file(exits.recordFile(exitId, Exits.RecordForm.JSON));
  }

  @GET
  @Path("{exit}/signature")
  @Produces(MediaType.TEXT_PLAIN)
  public Response signature(@PathParam("exit") long exitId) {
    return file(exits.recordFile(exitId, Exits.RecordForm.SIGNATURE));
  }

  @GET
  @Path("{exit}/pdf")
  @Produces("application/pdf")
  public Response pdf(@PathParam("exit") long exitId) {
    return file(exits.recordFile(exitId, Exits.RecordForm.PDF));
  }

  static Response file(Exits.RecordFile f) {
    return Response.ok(f.bytes())
        .type(f.mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + f.fileName() + "\"")
        .build();
  }
}
