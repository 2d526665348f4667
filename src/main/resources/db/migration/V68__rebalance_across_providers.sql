-- Issue #20: automatic rebalancing may also move VMs to another provider (those of organisations
-- that allowed it: tenant.platform_moves_across) once a platform admin switches this on; off until
-- then, as before.
ALTER TABLE rebalance_policy
  ADD COLUMN across_providers BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'automatic runs may move VMs to another provider';
