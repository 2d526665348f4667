-- When the user allows it, an order whose provider fails before the VM exists there is placed
-- again elsewhere; the providers that failed it are not chosen again.
ALTER TABLE vm_order
  ADD COLUMN allow_other_provider BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN failed_providers VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'ids, comma-separated';
