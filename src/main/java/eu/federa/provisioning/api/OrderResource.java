package eu.federa.provisioning.api;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Model;
import eu.federa.catalog.Size;
import eu.federa.platform.api.ApiPage;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.AiServiceForm;
import eu.federa.provisioning.AiServiceView;
import eu.federa.provisioning.AiServices;
import eu.federa.provisioning.OrderApprovals;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderView;
import eu.federa.provisioning.Resizes;
import eu.federa.provisioning.VmActions;
import eu.federa.quota.QuotaUsage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;

/**
 * Ordering over the API: the catalog, a tenant's orders and AI services, their actions and the
 * tenant's quota usage. Every path names the tenant; the services check the caller's membership
 * first, and other tenants' ids answer 404.
 */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

  @Inject Catalog catalog;
  @Inject OrderQueries orders;
  @Inject OrderPlacement placing;
  @Inject VmActions actions;
  @Inject Resizes resizes;
  @Inject OrderApprovals approvals;
  @Inject AiServices ai;
  @Inject QuotaUsage quota;

  /** The answer to a new order. */
  public record Created(long id) {}

  @GET
  @Path("catalog/images")
  public List<Image> images() {
    return catalog.images();
  }

  @GET
  @Path("catalog/sizes")
  public List<Size> sizes() {
    return catalog.sizes();
  }

  @GET
  @Path("catalog/models")
  public List<Model> models() {
    return catalog.models();
  }

  @GET
  @Path("tenants/{tenant}/orders")
  public List<OrderView> orders(
      @PathParam("tenant") long tenantId,
      @QueryParam("project") Long projectId,
      @BeanParam ApiPage page) {
    return orders.orders(tenantId, projectId, page.first(), page.max());
  }

  @GET
  @Path("tenants/{tenant}/orders/{order}")
  public OrderView order(@PathParam("tenant") long tenantId, @PathParam("order") long orderId) {
    return orders.order(tenantId, orderId);
  }

  /** Places an order (201); the same idempotency key again answers the same id. */
  @POST
  @Path("tenants/{tenant}/orders")
  public Response place(@PathParam("tenant") long tenantId, OrderForm form) {
    if (form == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    long id = placing.placeOrder(tenantId, form);
    return Response.status(Response.Status.CREATED).entity(new Created(id)).build();
  }

  /** stop, start, reboot or terminate (202: the saga carries it out). */
  @POST
  @Path("tenants/{tenant}/orders/{order}/{action: stop|start|reboot|terminate}")
  public Response act(
      @PathParam("tenant") long tenantId,
      @PathParam("order") long orderId,
      @PathParam("action") String action) {
    switch (action) {
      case "stop" -> actions.stop(tenantId, orderId);
      case "start" -> actions.start(tenantId, orderId);
      case "reboot" -> actions.reboot(tenantId, orderId);
      default -> actions.terminate(tenantId, orderId);
    }
    return Response.accepted(orders.order(tenantId, orderId)).build();
  }

  /** A resize of a stopped VM: its new vCPU and memory. */
  public record ResizeForm(Integer vcpu, Long memoryMib) {}

  /**
   * Resizes a stopped VM (202: the saga carries it out); 409 when it is not stopped, no host has
   * room, or a member asks for more than the tenant's approval threshold.
   */
  @POST
  @Path("tenants/{tenant}/orders/{order}/resize")
  public Response resize(
      @PathParam("tenant") long tenantId, @PathParam("order") long orderId, ResizeForm form) {
    if (form == null || form.vcpu() == null || form.memoryMib() == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    resizes.resize(tenantId, orderId, form.vcpu(), form.memoryMib());
    return Response.accepted(orders.order(tenantId, orderId)).build();
  }

  /** The orders waiting for a tenant admin's approval, oldest first, a page at a time. */
  @GET
  @Path("tenants/{tenant}/approvals")
  public List<OrderView> waiting(@PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return approvals.waiting(tenantId, page.first(), page.max());
  }

  /** Approves (then deploys) or rejects a waiting order (tenant admins; 202). */
  @POST
  @Path("tenants/{tenant}/approvals/{order}/{decision: approve|reject}")
  public Response decide(
      @PathParam("tenant") long tenantId,
      @PathParam("order") long orderId,
      @PathParam("decision") String decision) {
    if ("approve".equals(decision)) {
      approvals.approve(tenantId, orderId);
    } else {
      approvals.reject(tenantId, orderId);
    }
    return Response.accepted(orders.order(tenantId, orderId)).build();
  }

  /** The monthly cost above which members' orders wait for approval (null: none). */
  public record Threshold(BigDecimal eurPerMonth) {}

  @GET
  @Path("tenants/{tenant}/approval-threshold")
  public Threshold threshold(@PathParam("tenant") long tenantId) {
    return new Threshold(approvals.thresholdOf(tenantId));
  }

  /** Sets or (null) lifts the threshold (tenant admins). */
  @PUT
  @Path("tenants/{tenant}/approval-threshold")
  public Threshold setThreshold(@PathParam("tenant") long tenantId, Threshold form) {
    if (form == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    approvals.setThreshold(tenantId, form.eurPerMonth());
    return new Threshold(approvals.thresholdOf(tenantId));
  }

  @GET
  @Path("tenants/{tenant}/ai-services")
  public List<AiServiceView> aiServices(
      @PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return ai.page(tenantId, page.first(), page.max()).rows();
  }

  /**
   * Orders an AI service (201 with its id): an inference endpoint, a notebook or a training job,
   * placed and billed like the VMs it is made of; the same idempotency key orders once.
   */
  @POST
  @Path("tenants/{tenant}/ai-services")
  public Response orderAiService(@PathParam("tenant") long tenantId, AiServiceForm form) {
    if (form == null) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    long id = ai.order(tenantId, form);
    return Response.status(Response.Status.CREATED).entity(new Created(id)).build();
  }

  @GET
  @Path("tenants/{tenant}/ai-services/{service}")
  public AiServiceView aiService(
      @PathParam("tenant") long tenantId, @PathParam("service") long serviceId) {
    return ai.service(tenantId, serviceId);
  }

  @GET
  @Path("tenants/{tenant}/usage")
  public QuotaUsage.TenantUsage usage(@PathParam("tenant") long tenantId) {
    return quota.usage(tenantId);
  }
}
