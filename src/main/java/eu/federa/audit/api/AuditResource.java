package eu.federa.audit.api;

import eu.federa.audit.AuditChain;
import eu.federa.audit.AuditTrailExport;
import eu.federa.audit.ChainVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The federation's audit trail for platform admins: its export, filtered, and the check of its
 * chain. A tenant's own trail is exported under its tenant's path (the team API).
 */
@Path("/v1")
@RequestScoped
public class AuditResource {

  @Inject AuditTrailExport export;
  @Inject AuditChain chain;

  /**
   * The trail as CSV ({@code format=csv}, the default) or JSON, oldest first, streamed: {@code
   * from}, {@code to} (a day or an instant), {@code actor}, {@code action}, {@code tenant}.
   */
  @GET
  @Path("audit/export")
  public Response exportAll(
      @QueryParam("format") String format,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("tenant") String tenant) {
    return AuditDownloads.response(
        export.all(new AuditTrailExport.Request(format, from, to, actor, action, tenant)),
        "federa-audit");
  }

  /** Checks every seal of the chain against its event; the check is audited. */
  @GET
  @Path("audit/chain")
  @Produces(MediaType.APPLICATION_JSON)
  public ChainVerification chain() {
    return chain.verify();
  }
}
