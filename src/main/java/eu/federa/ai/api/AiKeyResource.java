package eu.federa.ai.api;

import eu.federa.ai.AiUsage;
import eu.federa.ai.ApiKeys;
import eu.federa.ai.KeyForm;
import eu.federa.ai.KeyView;
import eu.federa.ai.ProjectLimits;
import eu.federa.platform.api.ApiPage;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The organisation's API keys for the AI gateway, and its token usage: members create keys ({@code
 * POST}: 201 with the secret, shown this once) and list and revoke theirs, tenant admins all of
 * them; {@code GET ai-usage?month=2026-12} gives the month's tokens by key, endpoint, model and
 * provider; {@code ai-project-limits} are the limits of a project's keys together (tenant admins
 * set them). Another organisation's key or project answers 404.
 */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AiKeyResource {

  @Inject ApiKeys keys;
  @Inject AiUsage usage;
  @Inject Clock clock;
  @Inject ProjectLimits projectLimits;

  /**
   * A request body for a new key.
   *
   * @param endpoints ids of the AI services it may call; absent or empty: all of them
   * @param expiresAt ISO-8601 instant, e.g. 2027-01-31T00:00:00Z; absent: until revoked
   */
  public record NewKey(
      String name,
      Long projectId,
      List<Long> endpoints,
      String expiresAt,
      Integer requestsPerMinute,
      Integer tokensPerMinute) {}

  /** A key just made: its secret is not shown again. */
  public record CreatedKey(long id, String key, String prefix) {}

  @GET
  @Path("tenants/{tenant}/ai-keys")
  public List<KeyView> list(@PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return keys.page(tenantId, page.first(), page.max()).rows();
  }

  @POST
  @Path("tenants/{tenant}/ai-keys")
  public Response create(@PathParam("tenant") long tenantId, NewKey body) {
    NewKey k = body == null ? new NewKey(null, null, null, null, null, null) : body;
    Instant expires = null;
    if (k.expiresAt() != null && !k.expiresAt().isBlank()) {
      try {
        expires = Instant.parse(k.expiresAt().trim());
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(FieldError.of("expires", "aikey.error.expiryFormat"));
      }
    }
    boolean all = k.endpoints() == null || k.endpoints().isEmpty();
    ApiKeys.Created created =
        keys.create(
            tenantId,
            new KeyForm(
                k.name(),
                k.projectId(),
                all,
                all ? Set.of() : Set.copyOf(k.endpoints()),
                expires,
                k.requestsPerMinute(),
                k.tokensPerMinute()));
    return Response.created(URI.create("v1/tenants/" + tenantId + "/ai-keys/" + created.id()))
        .entity(new CreatedKey(created.id(), created.secret(), created.prefix()))
        .build();
  }

  @DELETE
  @Path("tenants/{tenant}/ai-keys/{key}")
  public Response revoke(@PathParam("tenant") long tenantId, @PathParam("key") long keyId) {
    keys.revoke(tenantId, keyId);
    return Response.noContent().build();
  }

  @GET
  @Path("tenants/{tenant}/ai-usage")
  public List<AiUsage.Line> usage(
      @PathParam("tenant") long tenantId, @QueryParam("month") String month) {
    YearMonth m;
    try {
      m = month == null || month.isBlank() ? YearMonth.now(clock) : YearMonth.parse(month.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(FieldError.of("month", "aikey.error.month"));
    }
    return usage.ofMonth(tenantId, m);
  }

  /** Every project of the organisation with the limits of its keys together. */
  @GET
  @Path("tenants/{tenant}/ai-project-limits")
  public List<ProjectLimits.View> projectLimits(@PathParam("tenant") long tenantId) {
    return projectLimits.list(tenantId);
  }

  /** Sets a project's limits (tenant admins): {@code {"requestsPerMinute","tokensPerMinute"}}. */
  @PUT
  @Path("tenants/{tenant}/ai-project-limits/{project}")
  public Response setProjectLimits(
      @PathParam("tenant") long tenantId,
      @PathParam("project") long projectId,
      ProjectLimits.Form body) {
    projectLimits.set(
        tenantId, projectId, body == null ? new ProjectLimits.Form(null, null) : body);
    return Response.noContent().build();
  }
}
