-- A VM that runs keeps its host's claim until Federa's inventory of that host includes it: the
-- provider counts the VM on the host from its deployment on, but the synced numbers are only as
-- recent as the last sync. Deleting the claim when the VM ran made the host look free of it until
-- the next sync, and orders in that window were placed on a full host (the provider then refused
-- them, and the quota they gave back let more orders in than the test of the limit expected).
-- A settled claim goes with the first sync that read the host after it settled, or when its VM
-- is gone. An order has one live claim per instance; settled ones do not count (it may claim
-- again at once, e.g. to resize onto another host).
ALTER TABLE placement_claim
  ADD COLUMN settled_at DATETIME(6) NULL COMMENT 'UTC: its VM runs on the host since; NULL: not yet',
  ADD COLUMN live_ref VARCHAR(100) AS (IF(settled_at IS NULL, order_ref, NULL)) PERSISTENT
    COMMENT 'order_ref while not settled',
  DROP INDEX uk_claim,
  ADD CONSTRAINT uk_claim_live UNIQUE (live_ref, instance_no),
  ADD INDEX ix_claim_ref (order_ref),
  ADD INDEX ix_claim_settled (provider_id, settled_at);
