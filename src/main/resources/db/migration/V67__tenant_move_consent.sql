-- Issue #20: an organisation may let the platform move its VMs to another provider within its
-- countries when it rebalances (a move between providers: the VM stops while its disk is copied).
-- Off until one of its admins switches it on.
ALTER TABLE tenant
  ADD COLUMN platform_moves_across BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the platform may move its VMs to another provider when it rebalances';
