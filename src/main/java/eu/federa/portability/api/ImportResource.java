package eu.federa.portability.api;

import eu.federa.platform.api.ApiPage;
import eu.federa.platform.http.PublicUrl;
import eu.federa.portability.ImportView;
import eu.federa.portability.Imports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;

/**
 * Loading a tenant's export bundle into this Federa, for platform admins (anyone else gets 403):
 * {@code POST} the ZIP as {@code application/zip} (optionally with the organisation's name and VAT
 * id here), then follow the import at the address it answers with.
 */
@Path("/v1/admin/imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

  @Inject Imports imports;
  @Inject PublicUrl publicUrl;

  /** Imports {@code first} to {@code first + max} (50 unless asked), newest first. */
  @GET
  public java.util.List<ImportView> list(@BeanParam ApiPage page) {
    return imports.page(page.first(), page.max()).rows();
  }

  @GET
  @Path("{import}")
  public ImportView get(@PathParam("import") long importId) {
    return imports.get(importId);
  }

  /**
   * @return 202 with the import and its address: the work goes on in the background
   */
  @POST
  @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
  public Response upload(
      InputStream bundle,
      @QueryParam("name") String name,
      @QueryParam("vatId") String vatId,
      @jakarta.ws.rs.core.Context UriInfo uri)
      throws IOException {
    long id = imports.upload(bundle, name, vatId, publicUrl.base());
    return Response.accepted(imports.get(id))
        .location(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
        .build();
  }
}
