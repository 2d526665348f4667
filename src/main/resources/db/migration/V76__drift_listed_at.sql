-- When the provider's listing that the last drift check recorded was read: a pass that read the
-- provider earlier (a slow pass, another node's, one that started before a repair) records nothing
-- over a newer listing.
ALTER TABLE provider_reconciliation
  ADD COLUMN drift_listed_at DATETIME(6) NULL COMMENT 'UTC' AFTER last_result;
