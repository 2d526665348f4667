-- Issue #23: snapshots of a VM's disk (one.vm.disksnapshotcreate / revert / delete), taken running
-- or stopped, restored while stopped, limited per project, billed per GiB-month like a disk.
CREATE TABLE disk_snapshot (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id         BIGINT        NOT NULL,
  project_id        BIGINT        NULL,
  order_id          BIGINT        NOT NULL COMMENT 'the VM whose disk it is',
  vm_name           VARCHAR(63)   NOT NULL,
  provider_id       BIGINT        NOT NULL,
  provider_name     VARCHAR(200)  NOT NULL,
  country_code      VARCHAR(2)    NOT NULL,
  one_vm_id         INT           NOT NULL,
  disk_id           INT           NULL COMMENT 'the disk''s DISK_ID, once the first step read the VM',
  one_snapshot_id   INT           NULL COMMENT 'its id on the disk, once taken',
  name              VARCHAR(63)   NOT NULL,
  size_mib          BIGINT        NOT NULL DEFAULT 0,
  state             VARCHAR(12)   NOT NULL COMMENT 'CREATING, READY, REVERTING, DELETING, DELETED, FAILED',
  sent_at           DATETIME(6)   NULL COMMENT 'UTC; the provider call of the current step was sent then',
  reason            VARCHAR(1000) NULL,
  next_attempt_at   DATETIME(6)   NOT NULL,
  step_claim        VARCHAR(36)   NULL,
  step_lease_until  DATETIME(6)   NULL,
  created_at        DATETIME(6)   NOT NULL,
  updated_at        DATETIME(6)   NOT NULL,
  reverted_at       DATETIME(6)   NULL COMMENT 'UTC; the disk was last put back to it then',
  PRIMARY KEY (id),
  INDEX ix_snapshot_order (order_id, state),
  INDEX ix_snapshot_project (tenant_id, project_id, state),
  INDEX ix_snapshot_due (state, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE usage_interval
  DROP CONSTRAINT ck_interval_owner,
  ADD COLUMN snapshot_id BIGINT NULL COMMENT 'the metered disk snapshot; NULL otherwise',
  ADD CONSTRAINT uk_interval_snapshot UNIQUE (snapshot_id, started_at),
  ADD CONSTRAINT ck_interval_owner CHECK (
    (order_id IS NOT NULL) + (volume_id IS NOT NULL) + (snapshot_id IS NOT NULL) = 1);
