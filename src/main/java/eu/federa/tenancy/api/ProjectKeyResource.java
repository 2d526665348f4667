package eu.federa.tenancy.api;

import eu.federa.identity.SshKeys.KeyView;
import eu.federa.tenancy.ProjectSshKeys;
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
import java.net.URI;
import java.util.List;

/**
 * A project's SSH keys: members list them, tenant admins add ({@code POST}, 400 with the reason for
 * a bad key) and remove them; another tenant's project answers 404.
 */
@Path("/v1/tenants/{tenant}/projects/{project}/ssh-keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectKeyResource {

  @Inject ProjectSshKeys keys;

  /** A request body: a name and one public key line. */
  public record NewKey(String name, String publicKey) {}

  @GET
  public List<KeyView> list(
      @PathParam("tenant") long tenantId, @PathParam("project") long projectId) {
    return keys.list(tenantId, projectId);
  }

  @POST
  public Response add(
      @PathParam("tenant") long tenantId, @PathParam("project") long projectId, NewKey body) {
    long id =
        keys.add(
            tenantId,
            projectId,
            body == null ? null : body.name(),
            body == null ? null : body.publicKey());
    KeyView added =
        keys.list(tenantId, projectId).stream().filter(k -> k.id() == id).findFirst().orElseThrow();
    return Response.created(
            URI.create("v1/tenants/" + tenantId + "/projects/" + projectId + "/ssh-keys/" + id))
        .entity(added)
        .build();
  }

  @DELETE
  @Path("{key}")
  public Response remove(
      @PathParam("tenant") long tenantId,
      @PathParam("project") long projectId,
      @PathParam("key") long keyId) {
    keys.remove(tenantId, projectId, keyId);
    return Response.noContent().build();
  }
}
