/**
 * Cross-cutting plumbing only: configuration, database migration, health, the current user, error
 * pages, i18n and the clock. Business rules never live here; every capability may depend on this
 * package, and this package depends on no capability.
 */
@Capability
package eu.federa.platform;
