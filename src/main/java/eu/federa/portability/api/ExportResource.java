package eu.federa.portability.api;

import eu.federa.platform.http.ByteRange;
import eu.federa.portability.ExportView;
import eu.federa.portability.Exports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's export bundles (Data Act): its admins ask for one ({@code POST}, 202: made in the
 * background; 409 while another is being made), follow it, and download it once ready: {@code GET
 * .../bundle} streams the ZIP, and answers a {@code Range} header with that part (206), so that a
 * download resumes. A project's admins do the same for the project ({@code POST ...?project=}), and
 * see its bundles only. Other members get 403, other tenants 404; a bundle not ready (or expired)
 * is 409.
 */
@Path("/v1/tenants/{tenant}/exports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

  @Inject Exports exports;

  @GET
  public List<ExportView> list(@PathParam("tenant") long tenantId) {
    return exports.list(tenantId);
  }

  /** Asks for a bundle of the organisation, or with {@code ?project=} of one project. */
  @POST
  public Response request(
      @PathParam("tenant") long tenantId, @jakarta.ws.rs.QueryParam("project") Long projectId) {
    return Response.accepted(exports.request(tenantId, projectId)).build();
  }

  @GET
  @Path("{export}")
  public ExportView get(@PathParam("tenant") long tenantId, @PathParam("export") long exportId) {
    return exports.export(tenantId, exportId);
  }

  @GET
  @Path("{export}/bundle")
  @Produces("application/zip")
  public Response bundle(
      @PathParam("tenant") long tenantId,
      @PathParam("export") long exportId,
      @HeaderParam("Range") String range) {
    Exports.Download d = exports.download(tenantId, exportId, range);
    long size = d.sizeBytes();
    Optional<ByteRange> part;
    try {
      part = ByteRange.of(range, size);
    } catch (ByteRange.Unsatisfiable outside) {
      return Response.status(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE)
          .header("Content-Range", "bytes */" + size)
          .type(MediaType.TEXT_PLAIN)
          .entity("The range is outside the bundle's " + size + " bytes.")
          .build();
    }
    long first = part.map(ByteRange::first).orElse(0L);
    long length = part.map(ByteRange::length).orElse(size);
    StreamingOutput body = out -> ByteRange.send(d.file(), first, length, out);
    Response.ResponseBuilder answer =
        (part.isPresent() ? Response.status(Response.Status.PARTIAL_CONTENT) : Response.ok())
            .entity(body)
            .type("application/zip")
            .header("Accept-Ranges", "bytes")
            .header("Content-Length", length)
            .header("ETag", "\"" + d.sha256() + "\"")
            .header("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"");
    part.ifPresent(p -> answer.header("Content-Range", p.contentRange(size)));
    return answer.build();
  }
}
