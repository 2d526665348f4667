package eu.federa.tenancy.api;

import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditTrailExport;
import eu.federa.audit.api.AuditDownloads;
import eu.federa.platform.api.ApiPage;
import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.InvitationForm;
import eu.federa.tenancy.InvitationService;
import eu.federa.tenancy.TeamInvitations;
import eu.federa.tenancy.TeamMembers;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews.InvitationInfo;
import eu.federa.tenancy.TeamViews.Member;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import eu.federa.tenancy.TeamViews.TenantSummary;
import eu.federa.tenancy.TenantActivity;
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
import java.util.List;

/**
 * The team API: every path names the tenant, and the team services check the caller's membership in
 * it before anything else; ids of other tenants' objects answer 404.
 */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {

  @Inject TeamMembers teamMembers;
  @Inject TeamProjects teamProjects;
  @Inject TeamInvitations teamInvitations;
  @Inject TenantActivity activity;
  @Inject InvitationService invitations;
  @Inject PublicUrl publicUrl;

  /** Request bodies. */
  public record RoleChange(String role) {}

  public record NewProject(String name, String description) {}

  public record ProjectMembers(List<Long> memberIds) {}

  public record Created(long id) {}

  public record Acceptance(String token) {}

  public record Joined(long tenantId) {}

  @GET
  @Path("tenants")
  public List<TenantSummary> tenants() {
    return teamMembers.myTenants();
  }

  @GET
  @Path("tenants/{tenant}/members")
  public List<Member> members(@PathParam("tenant") long tenantId) {
    return teamMembers.members(tenantId);
  }

  @PUT
  @Path("tenants/{tenant}/members/{member}/role")
  public Response changeRole(
      @PathParam("tenant") long tenantId, @PathParam("member") long memberId, RoleChange body) {
    teamMembers.changeRole(tenantId, memberId, body == null ? null : body.role());
    return Response.noContent().build();
  }

  @DELETE
  @Path("tenants/{tenant}/members/{member}")
  public Response remove(@PathParam("tenant") long tenantId, @PathParam("member") long memberId) {
    teamMembers.removeMember(tenantId, memberId);
    return Response.noContent().build();
  }

  /** The caller leaves the tenant. */
  @DELETE
  @Path("tenants/{tenant}/membership")
  public Response leave(@PathParam("tenant") long tenantId) {
    teamMembers.leave(tenantId);
    return Response.noContent().build();
  }

  @GET
  @Path("tenants/{tenant}/projects")
  public List<ProjectInfo> projects(@PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return teamProjects.page(tenantId, page.first(), page.max()).rows();
  }

  @POST
  @Path("tenants/{tenant}/projects")
  public Response createProject(@PathParam("tenant") long tenantId, NewProject body) {
    long id =
        teamProjects.createProject(
            tenantId, body == null ? null : body.name(), body == null ? null : body.description());
    return Response.created(URI.create("v1/tenants/" + tenantId + "/projects/" + id))
        .entity(new Created(id))
        .build();
  }

  @GET
  @Path("tenants/{tenant}/projects/{project}")
  public ProjectInfo project(
      @PathParam("tenant") long tenantId, @PathParam("project") long projectId) {
    return teamProjects.project(tenantId, projectId);
  }

  @PUT
  @Path("tenants/{tenant}/projects/{project}/members")
  public Response setProjectMembers(
      @PathParam("tenant") long tenantId,
      @PathParam("project") long projectId,
      ProjectMembers body) {
    if (body == null || body.memberIds() == null) {
      // No body is not "nobody": clearing a project's members takes an explicit empty list.
      throw new InvalidInputException(FieldError.of("memberIds", "form.error.required"));
    }
    teamProjects.setProjectMembers(tenantId, projectId, body.memberIds());
    return Response.noContent().build();
  }

  /** Sets the project's admins: members of it who may ask for its export. */
  @PUT
  @Path("tenants/{tenant}/projects/{project}/admins")
  public Response setProjectAdmins(
      @PathParam("tenant") long tenantId,
      @PathParam("project") long projectId,
      ProjectMembers body) {
    if (body == null || body.memberIds() == null) {
      throw new InvalidInputException(FieldError.of("memberIds", "form.error.required"));
    }
    teamProjects.setProjectAdmins(tenantId, projectId, body.memberIds());
    return Response.noContent().build();
  }

  @GET
  @Path("tenants/{tenant}/invitations")
  public List<InvitationInfo> invitations(
      @PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return teamInvitations.page(tenantId, page.first(), page.max()).rows();
  }

  @POST
  @Path("tenants/{tenant}/invitations")
  public Response invite(@PathParam("tenant") long tenantId, InvitationForm body) {
    InvitationForm form = body == null ? new InvitationForm(null, null, List.of()) : body;
    long id = teamInvitations.invite(tenantId, form, publicUrl.base());
    return Response.created(URI.create("v1/tenants/" + tenantId + "/invitations/" + id))
        .entity(new Created(id))
        .build();
  }

  @DELETE
  @Path("tenants/{tenant}/invitations/{invitation}")
  public Response revoke(
      @PathParam("tenant") long tenantId, @PathParam("invitation") long invitationId) {
    teamInvitations.revokeInvitation(tenantId, invitationId);
    return Response.noContent().build();
  }

  @GET
  @Path("tenants/{tenant}/audit")
  public List<AuditEntry> audit(@PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return activity.auditLog(tenantId, page.first(), page.max());
  }

  /**
   * The tenant's audit trail as CSV ({@code format=csv}, the default) or JSON, oldest first,
   * streamed, filtered by {@code from}, {@code to}, {@code actor} and {@code action} (tenant
   * admins).
   */
  @GET
  @Path("tenants/{tenant}/audit/export")
  @Produces({"text/csv", MediaType.APPLICATION_JSON})
  public Response auditExport(
      @PathParam("tenant") long tenantId,
      @QueryParam("format") String format,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action) {
    return AuditDownloads.response(
        activity.exportAudit(
            tenantId, new AuditTrailExport.Request(format, from, to, actor, action, null)),
        "federa-audit-" + tenantId);
  }

  /** Accepts an invitation as the signed-in user. */
  @POST
  @Path("invitations/accept")
  public Joined accept(Acceptance body) {
    return new Joined(invitations.accept(body == null ? null : body.token()));
  }
}
