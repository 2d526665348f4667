package eu.federa.moves.api;

import eu.federa.moves.MovePlans;
import eu.federa.moves.MoveView;
import eu.federa.moves.Moves;
import eu.federa.platform.api.ApiPage;
import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.OrderMoves;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Moves between providers over the API: where a VM could go ({@code GET .../orders/{o}/move}),
 * starting a move (202, its address in {@code Location}), following it, and the decision after its
 * cutover (confirm, or take back). Every path names the tenant; other tenants' ids answer 404.
 */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MoveResource {

  @Inject Moves moves;
  @Inject MovePlans plans;
  @Inject PublicUrl publicUrl;
  @Context UriInfo uri;

  /** A provider the VM could go to; {@code whyNot} says why it cannot now (null: it can). */
  public record TargetJson(
      long providerId,
      String providerName,
      String countryCode,
      String hostName,
      Double latencyMs,
      BigDecimal eurPerMonth,
      BigDecimal differenceEurPerMonth,
      String whyNot) {}

  /** Where the VM could go: {@code whyNot} says why it cannot move at all (null: it can). */
  public record PlanJson(
      long orderId,
      String vmName,
      String providerName,
      String countryCode,
      BigDecimal eurPerMonth,
      long expectedDowntimeSeconds,
      List<TargetJson> targets,
      String whyNot,
      MoveJson current) {}

  /** A move as the API shows it; {@code failure} is why it went back, in English. */
  public record MoveJson(
      long id,
      long orderId,
      String vmName,
      String state,
      String phase,
      int percent,
      String sourceProviderName,
      String targetProviderName,
      String targetCountry,
      long bytesDone,
      long bytesTotal,
      Long bytesPerSecond,
      Long secondsLeft,
      BigDecimal priceBeforeEurMonth,
      BigDecimal priceAfterEurMonth,
      Instant createdAt,
      Instant cutoverAt,
      Instant keepSourceUntil,
      Instant endedAt,
      String failedPhase,
      String failure) {

    static MoveJson of(MoveView v) {
      return v == null
          ? null
          : new MoveJson(
              v.id(),
              v.orderId(),
              v.vmName(),
              v.state().name(),
              v.phase().name(),
              v.percent(),
              v.sourceProviderName(),
              v.targetProviderName(),
              v.targetCountry(),
              v.bytesDone(),
              v.bytesTotal(),
              v.bytesPerSecond(),
              v.secondsLeft(),
              v.priceBeforeEurMonth(),
              v.priceAfterEurMonth(),
              v.createdAt(),
              v.cutoverAt(),
              v.keepSourceUntil(),
              v.endedAt(),
              v.failedPhase() == null ? null : v.failedPhase().name(),
              english(v.failure()));
    }
  }

  /** Where to move: the provider placement is to use. */
  public record MoveForm(Long targetProviderId) {}

  @GET
  @Path("tenants/{tenant}/orders/{order}/move")
  public PlanJson plan(@PathParam("tenant") long tenantId, @PathParam("order") long orderId) {
    Moves.Plan plan = moves.plan(tenantId, orderId);
    OrderMoves.Source s = plan.options().source();
    return new PlanJson(
        orderId,
        s.name(),
        s.providerName(),
        s.countryCode(),
        s.eurPerMonth(),
        plan.downtimeSeconds(),
        plan.options().targets().stream()
            .map(
                t ->
                    new TargetJson(
                        t.providerId(),
                        t.providerName(),
                        t.countryCode(),
                        t.hostName(),
                        t.latencyMs(),
                        t.eurPerMonth(),
                        t.differenceEurPerMonth(),
                        english(t.whyNot())))
            .toList(),
        english(plan.options().whyNot()),
        MoveJson.of(plan.current()));
  }

  /** Starts the move (202); 409 when the VM cannot move now or not there, or the quota is full. */
  @POST
  @Path("tenants/{tenant}/orders/{order}/move")
  public Response start(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId, MoveForm form) {
    if (form == null || form.targetProviderId() == null) {
      throw new InvalidInputException(FieldError.of("targetProviderId", "move.error.noTarget"));
    }
    long id = moves.start(tenantId, orderId, form.targetProviderId(), publicUrl.forProviders());
    return Response.accepted(MoveJson.of(moves.view(tenantId, id)))
        .location(
            uri.getBaseUriBuilder().path("v1/tenants/{tenant}/moves/{move}").build(tenantId, id))
        .build();
  }

  @GET
  @Path("tenants/{tenant}/moves")
  public List<MoveJson> list(@PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return moves.list(tenantId, page.first(), page.max()).stream().map(MoveJson::of).toList();
  }

  @GET
  @Path("tenants/{tenant}/moves/{move}")
  public MoveJson get(@PathParam("tenant") long tenantId, @PathParam("move") long moveId) {
    return MoveJson.of(moves.view(tenantId, moveId));
  }

  /** Confirms a move that cut over: its source is deleted (409 when it awaits no decision). */
  @POST
  @Path("tenants/{tenant}/moves/{move}/confirm")
  public MoveJson confirm(@PathParam("tenant") long tenantId, @PathParam("move") long moveId) {
    return MoveJson.of(moves.confirm(tenantId, moveId));
  }

  /** Calls a move off, or takes it back after its cutover (202: the VM returns to its source). */
  @POST
  @Path("tenants/{tenant}/moves/{move}/take-back")
  public Response takeBack(@PathParam("tenant") long tenantId, @PathParam("move") long moveId) {
    return Response.accepted(MoveJson.of(moves.takeBack(tenantId, moveId))).build();
  }

  /** One VM of a plan: where it goes, or {@code whyNot} (English). */
  public record PlanItemJson(
      long orderId,
      long tenantId,
      String tenantName,
      String vmName,
      Long toProviderId,
      String toProviderName,
      String toCountry,
      BigDecimal eurPerMonthBefore,
      BigDecimal eurPerMonthAfter,
      BigDecimal differenceEurPerMonth,
      long downtimeSeconds,
      String whyNot) {}

  /** A plan of moves off a provider. */
  public record ProviderPlanJson(
      long providerId,
      String providerName,
      Long projectId,
      int movable,
      long downtimeSeconds,
      BigDecimal differenceEurPerMonth,
      List<PlanItemJson> items) {

    static ProviderPlanJson of(MovePlans.Plan p) {
      return new ProviderPlanJson(
          p.providerId(),
          p.providerName(),
          p.projectId(),
          p.movable(),
          p.downtimeSeconds(),
          p.differenceEurPerMonth(),
          p.items().stream()
              .map(
                  i ->
                      new PlanItemJson(
                          i.orderId(),
                          i.tenantId(),
                          i.tenantName(),
                          i.vmName(),
                          i.toProviderId(),
                          i.toProviderName(),
                          i.toCountry(),
                          i.eurPerMonthBefore(),
                          i.eurPerMonthAfter(),
                          i.differenceEurPerMonth(),
                          i.downtimeSeconds(),
                          english(i.whyNot())))
              .toList());
    }
  }

  /** What running a plan did for one VM: its move, or why none started (English). */
  public record StartedJson(long orderId, String vmName, Long moveId, String whyNot) {

    static List<StartedJson> of(List<MovePlans.Started> started) {
      return started.stream()
          .map(s -> new StartedJson(s.orderId(), s.vmName(), s.moveId(), english(s.whyNot())))
          .toList();
    }
  }

  /** Which provider to move off, and which project (null: the whole organisation). */
  public record PlanForm(Long fromProviderId, Long projectId) {}

  /** The plan of moving the organisation's (or a project's) VMs off a provider (tenant admins). */
  @GET
  @Path("tenants/{tenant}/move-plans")
  public ProviderPlanJson planOff(
      @PathParam("tenant") long tenantId,
      @QueryParam("from") Long providerId,
      @QueryParam("project") Long projectId) {
    if (providerId == null) {
      throw new InvalidInputException(FieldError.of("from", "move.error.noProvider"));
    }
    return ProviderPlanJson.of(plans.planTenant(tenantId, providerId, projectId));
  }

  /** Plans again and starts the moves (202): each VM's move, or why it did not start. */
  @POST
  @Path("tenants/{tenant}/move-plans")
  public Response runOff(@PathParam("tenant") long tenantId, PlanForm form) {
    if (form == null || form.fromProviderId() == null) {
      throw new InvalidInputException(FieldError.of("fromProviderId", "move.error.noProvider"));
    }
    return Response.accepted(
            StartedJson.of(
                plans.runTenant(
                    tenantId, form.fromProviderId(), form.projectId(), publicUrl.forProviders())))
        .build();
  }

  /** The plan of evacuating a provider: every tenant's VMs on it (platform admins). */
  @GET
  @Path("admin/evacuations/{provider}")
  public ProviderPlanJson planEvacuation(@PathParam("provider") long providerId) {
    return ProviderPlanJson.of(plans.planEvacuation(providerId));
  }

  /** Evacuates the provider (202); each tenant concerned is told by e-mail. */
  @POST
  @Path("admin/evacuations/{provider}")
  public Response evacuate(@PathParam("provider") long providerId) {
    return Response.accepted(
            StartedJson.of(plans.runEvacuation(providerId, publicUrl.forProviders())))
        .build();
  }

  private static String english(Reason r) {
    return r == null ? null : r.english();
  }
}
