-- When each provider's VMs were last compared with Federa's orders; next_run_at is how nodes share
-- the work (taken with SELECT ... FOR UPDATE SKIP LOCKED, like the inventory sync).
CREATE TABLE provider_reconciliation (
  provider_id   BIGINT        NOT NULL,
  next_run_at   DATETIME(6)   NOT NULL COMMENT 'UTC',
  last_run_at   DATETIME(6)   NULL COMMENT 'UTC',
  last_result   VARCHAR(500)  NULL,
  PRIMARY KEY (provider_id),
  CONSTRAINT fk_reconciliation_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- VMs at a provider that carry a Federa order id no live order owns: terminated once they have
-- been seen for the grace period (an order being created is never one of them).
CREATE TABLE orphan_vm (
  provider_id   BIGINT        NOT NULL,
  one_vm_id     INT           NOT NULL,
  order_ref     VARCHAR(100)  NOT NULL,
  first_seen_at DATETIME(6)   NOT NULL COMMENT 'UTC',
  terminated_at DATETIME(6)   NULL COMMENT 'UTC',
  PRIMARY KEY (provider_id, one_vm_id),
  CONSTRAINT fk_orphan_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
