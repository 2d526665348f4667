package eu.federa.identity.api;

import eu.federa.identity.SshKeys;
import eu.federa.identity.SshKeys.KeyView;
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
 * The signed-in user's SSH keys: {@code GET}, {@code POST} and {@code DELETE} under {@code
 * /api/v1/me/ssh-keys}. Bad keys answer 400 with the reason; another person's key, 404.
 */
@Path("/v1/me/ssh-keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SshKeyResource {

  @Inject SshKeys keys;

  /** A request body: a name and one public key line. */
  public record NewKey(String name, String publicKey) {}

  @GET
  public List<KeyView> mine() {
    return keys.mine();
  }

  @POST
  public Response add(NewKey body) {
    long id = keys.add(body == null ? null : body.name(), body == null ? null : body.publicKey());
    KeyView added = keys.mine().stream().filter(k -> k.id() == id).findFirst().orElseThrow();
    return Response.created(URI.create("v1/me/ssh-keys/" + id)).entity(added).build();
  }

  @DELETE
  @Path("{key}")
  public Response remove(@PathParam("key") long keyId) {
    keys.remove(keyId);
    return Response.noContent().build();
  }
}
