/**
 * Organisations (tenants) and their people: onboarding requests, tenants, memberships with tenant
 * roles. Depends on {@code platform} and on {@code identity}'s accounts only.
 */
package eu.federa.tenancy;
