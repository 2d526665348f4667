/**
 * Cross-cutting plumbing only: configuration, database migration, health, the current user, error
 * pages, i18n and the clock. Business rules never live here; every capability may depend on this
 * package, and this package depends on no capability. Its one table is the revision of the
 * reference data (raised by the database's triggers on other capabilities' tables, read by {@code
 * persistence.ReferenceRevision}).
 */
@Capability(tables = {"reference_revision"})
package eu.federa.platform;
