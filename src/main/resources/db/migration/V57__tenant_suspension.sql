-- Issue #24: a platform admin suspends an organisation (with a reason) and resumes it. While
-- suspended its members sign in, read and export, and may file a Data Act exit, but not order or
-- change anything. The directory of organisations searches and sorts by name.
ALTER TABLE tenant
  ADD COLUMN suspended_at     DATETIME(6)  NULL COMMENT 'UTC: suspended since (null: not suspended)',
  ADD COLUMN suspended_reason VARCHAR(500) NULL COMMENT 'as the platform admin gave it, shown to the members',
  ADD COLUMN suspended_by     VARCHAR(255) NULL COMMENT 'display name of the platform admin',
  ADD INDEX ix_tenant_name (name);
