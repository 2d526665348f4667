-- Issue #17: a key revoked (or kept for its project) on one node is forgotten by every node's key
-- cache within a fraction of a second. Each node reads the keys changed lately, by this column.
ALTER TABLE ai_key
  ADD COLUMN changed_at DATETIME(6) NULL COMMENT 'UTC: last revoked or kept; read by every node',
  ADD INDEX ix_ai_key_changed (changed_at);
