package eu.federa.network.api;

import eu.federa.network.SecurityGroups;
import eu.federa.network.SecurityGroups.Overview;
import eu.federa.network.SecurityGroups.RuleView;
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

/**
 * A tenant's firewall: members read its rules and each provider's copy; tenant admins add a rule
 * ({@code POST}, 400 with the reason for a bad or overlapping one) and remove one. Another tenant's
 * firewall, or a rule of it, answers 404.
 */
@Path("/v1/tenants/{tenant}/firewall")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FirewallResource {

  @Inject SecurityGroups groups;

  /** A request body: a protocol, the ports (TCP and UDP) and the source range. */
  public record NewRule(String protocol, Integer portFrom, Integer portTo, String source) {}

  @GET
  public Overview get(@PathParam("tenant") long tenantId) {
    return groups.overview(tenantId);
  }

  @POST
  @Path("rules")
  public Response add(@PathParam("tenant") long tenantId, NewRule body) {
    NewRule rule = body == null ? new NewRule(null, null, null, null) : body;
    long id = groups.add(tenantId, rule.protocol(), rule.portFrom(), rule.portTo(), rule.source());
    RuleView added =
        groups.overview(tenantId).rules().stream()
            .filter(r -> r.id() == id)
            .findFirst()
            .orElseThrow();
    return Response.created(URI.create("v1/tenants/" + tenantId + "/firewall/rules/" + id))
        .entity(added)
        .build();
  }

  @DELETE
  @Path("rules/{rule}")
  public Response remove(@PathParam("tenant") long tenantId, @PathParam("rule") long ruleId) {
    groups.remove(tenantId, ruleId);
    return Response.noContent().build();
  }
}
