/**
 * Organisations (tenants) and their people: onboarding requests, tenants, memberships with the four
 * tenant roles, projects, invitations, and the membership rules that place partner users at
 * sign-in. {@link eu.federa.tenancy.TenantAccess} is the gate every tenant-scoped use case of any
 * capability passes first. Depends on {@code platform}, {@code identity}, {@code audit} and {@code
 * mail}.
 */
@Capability(
    uses = {"audit", "identity", "mail", "platform"},
    tables = {
      "invitation",
      "invitation_project",
      "membership_rule",
      "onboarding_request",
      "project",
      "project_admin",
      "project_member",
      "project_ssh_key",
      "service_account",
      "tenant",
      "tenant_blackout_window",
      "tenant_departure",
      "tenant_membership"
    })
package eu.federa.tenancy;

import eu.federa.platform.Capability;
