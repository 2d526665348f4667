-- Issue #14, defect 10: a provider's sync is single-flight on every node and for every caller (the
-- scheduled tick and an on-demand refresh alike). The claim names its holder; the sync's writes are
-- accepted only from the holder of a live claim, so a sync that outlived its lease cannot overwrite
-- a newer one.
ALTER TABLE provider_status
  ADD COLUMN sync_claim       VARCHAR(36) NULL COMMENT 'random id of the sync in flight',
  ADD COLUMN sync_claim_until DATETIME(6) NULL COMMENT 'UTC, end of the lease of sync_claim';
