-- Issue #20: applying a rebalancing plan. Each move of a VM to another host of its provider
-- (OpenNebula's one.vm.migrate, live or cold) is a row here; the order is MIGRATING meanwhile and the
-- saga that carries its other steps watches the provider until the VM runs on the new host (or
-- gives up, the VM where it was). A move that ended may be reversed: a move of its own, back.
CREATE TABLE host_move (
  id                   BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id             BIGINT        NOT NULL,
  tenant_id            BIGINT        NOT NULL,
  provider_id          BIGINT        NOT NULL,
  provider_name        VARCHAR(200)  NOT NULL,
  vm_name              VARCHAR(63)   NOT NULL,
  from_host_id         BIGINT        NOT NULL,
  from_host_name       VARCHAR(200)  NOT NULL,
  to_host_id           BIGINT        NOT NULL,
  to_host_name         VARCHAR(200)  NOT NULL,
  live                 BOOLEAN       NOT NULL COMMENT 'FALSE: saved, copied and booted again (a VM holding a GPU)',
  reason               VARCHAR(16)   NOT NULL COMMENT 'HOT_SPOT, CONSOLIDATION, REVERSAL',
  automatic            BOOLEAN       NOT NULL COMMENT 'started by automatic rebalancing, not by an admin',
  reverses_move_id     BIGINT        NULL COMMENT 'the move this one takes back',
  reversed_by_move_id  BIGINT        NULL COMMENT 'the move that took this one back',
  state                VARCHAR(12)   NOT NULL COMMENT 'MOVING, DONE, FAILED',
  source_peak_before   DOUBLE        NULL COMMENT 'forecast peak CPU % of the old host, as planned',
  source_peak_after    DOUBLE        NULL,
  target_peak_before   DOUBLE        NULL,
  target_peak_after    DOUBLE        NULL,
  downtime_seconds     INT           NOT NULL,
  requested_by         VARCHAR(255)  NOT NULL,
  requested_at         DATETIME(6)   NOT NULL COMMENT 'UTC',
  sent_at              DATETIME(6)   NULL COMMENT 'UTC; when the migration was last sent to the provider',
  finished_at          DATETIME(6)   NULL COMMENT 'UTC',
  failure_key          VARCHAR(1000) NULL COMMENT 'why it failed, as a message key and arguments',
  failure_reason       VARCHAR(1000) NULL COMMENT 'why it failed, in English',
  -- One move under way per order.
  open_order_id        BIGINT AS (IF(state = 'MOVING', order_id, NULL)) PERSISTENT,
  UNIQUE KEY uq_host_move_open_order (open_order_id),
  INDEX ix_host_move_requested (requested_at),
  INDEX ix_host_move_tenant (tenant_id, requested_at),
  CONSTRAINT fk_host_move_order FOREIGN KEY (order_id) REFERENCES vm_order (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Automatic rebalancing: off until a platform admin switches it on; one row, claimed by the node
-- whose tick finds its run due (SKIP LOCKED), so that one node plans and moves at a time.
CREATE TABLE rebalance_policy (
  id                            TINYINT      NOT NULL PRIMARY KEY,
  automatic                     BOOLEAN      NOT NULL DEFAULT FALSE,
  max_moves_per_hour            INT          NOT NULL DEFAULT 10,
  max_moves_per_tenant_per_hour INT          NOT NULL DEFAULT 2,
  next_run_at                   DATETIME(6)  NOT NULL COMMENT 'UTC',
  last_run_at                   DATETIME(6)  NULL COMMENT 'UTC',
  last_run_moves                INT          NULL,
  last_run_skipped              INT          NULL COMMENT 'moves of the plan left out by the limits',
  changed_by                    VARCHAR(255) NULL,
  changed_at                    DATETIME(6)  NULL,
  version                       BIGINT       NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO rebalance_policy (id, automatic, next_run_at) VALUES (1, FALSE, UTC_TIMESTAMP(6));

-- A tenant's blackout windows: weekly times (UTC) when nothing moves its VMs on the platform's
-- initiative (automatic rebalancing, an admin applying a plan).
CREATE TABLE tenant_blackout_window (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id     BIGINT       NOT NULL,
  days          TINYINT      NOT NULL COMMENT 'weekdays, bit 0 Monday to bit 6 Sunday',
  start_minute  SMALLINT     NOT NULL COMMENT 'minutes after midnight UTC, inclusive',
  end_minute    SMALLINT     NOT NULL COMMENT 'exclusive; at or before the start: the window runs past midnight',
  created_by    VARCHAR(255) NOT NULL,
  created_at    DATETIME(6)  NOT NULL COMMENT 'UTC',
  INDEX ix_tenant_blackout_tenant (tenant_id),
  CONSTRAINT fk_tenant_blackout_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
