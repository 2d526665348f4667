package eu.federa.tenancy.api;

import eu.federa.platform.api.ApiPage;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.ServiceAccountForm;
import eu.federa.tenancy.ServiceAccounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;

/**
 * The organisation's service accounts (tenant admins): {@code POST} makes one (201 with its token,
 * shown this once), {@code DELETE} revokes it (its next call is refused). Scripts then call {@code
 * /federa/script-api/v1/...} with the token.
 */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceAccountResource {

  @Inject ServiceAccounts accounts;

  /**
   * A request body for a new account.
   *
   * @param role MEMBER, BILLING or VIEWER
   * @param expiresAt ISO-8601 instant, e.g. 2027-06-30T00:00:00Z, at most a year ahead
   */
  public record NewServiceAccount(
      String name, String role, List<Long> projectIds, String expiresAt) {}

  /** An account just made: its token is not shown again. */
  public record CreatedServiceAccount(long id, String token, String prefix) {}

  @GET
  @Path("tenants/{tenant}/service-accounts")
  public List<ServiceAccounts.View> list(
      @PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return accounts.page(tenantId, page.first(), page.max()).rows();
  }

  @POST
  @Path("tenants/{tenant}/service-accounts")
  public Response create(@PathParam("tenant") long tenantId, NewServiceAccount body) {
    NewServiceAccount b = body == null ? new NewServiceAccount(null, null, null, null) : body;
    Instant expires = null;
    if (b.expiresAt() != null && !b.expiresAt().isBlank()) {
      try {
        expires = Instant.parse(b.expiresAt().trim());
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            FieldError.of("expires", "serviceAccount.error.expiryFormat"));
      }
    }
    List<Long> projects = b.projectIds() == null ? List.of() : b.projectIds();
    if (new HashSet<>(projects).size() < projects.size()) {
      throw new InvalidInputException(FieldError.of("projectIds", "api.error.duplicate"));
    }
    ServiceAccounts.Created created =
        accounts.create(
            tenantId, new ServiceAccountForm(b.name(), b.role(), new HashSet<>(projects), expires));
    return Response.created(
            URI.create("v1/tenants/" + tenantId + "/service-accounts/" + created.id()))
        .entity(new CreatedServiceAccount(created.id(), created.token(), created.prefix()))
        .build();
  }

  @DELETE
  @Path("tenants/{tenant}/service-accounts/{account}")
  public Response revoke(@PathParam("tenant") long tenantId, @PathParam("account") long accountId) {
    accounts.revoke(tenantId, accountId);
    return Response.noContent().build();
  }
}
