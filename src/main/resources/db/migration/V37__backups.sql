-- Issue #23: backups of a VM (one.vm.backup) into its provider's backup datastore, on demand or
-- daily keeping the last N, kept after the VM ends, billed per GiB-month, restorable into a new VM.
CREATE TABLE vm_backup (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id         BIGINT        NOT NULL,
  project_id        BIGINT        NULL,
  order_id          BIGINT        NOT NULL COMMENT 'the VM it is of (the order stays after the VM ends)',
  vm_name           VARCHAR(63)   NOT NULL,
  provider_id       BIGINT        NOT NULL,
  provider_name     VARCHAR(200)  NOT NULL,
  country_code      VARCHAR(2)    NOT NULL,
  one_vm_id         INT           NOT NULL,
  name              VARCHAR(63)   NOT NULL,
  scheduled         BOOLEAN       NOT NULL COMMENT 'made by the daily schedule (and rotated by it)',
  one_datastore_id  INT           NULL COMMENT 'the backup datastore, once chosen',
  earlier_image_ids VARCHAR(1000) NULL COMMENT 'the VM''s backup images before this one was sent',
  one_image_id      INT           NULL COMMENT 'its backup image, once made',
  size_mib          BIGINT        NOT NULL DEFAULT 0,
  state             VARCHAR(12)   NOT NULL COMMENT 'CREATING, READY, DELETING, DELETED, FAILED',
  sent_at           DATETIME(6)   NULL COMMENT 'UTC; the provider call of the current step was sent then',
  reason            VARCHAR(1000) NULL,
  next_attempt_at   DATETIME(6)   NOT NULL,
  step_claim        VARCHAR(36)   NULL,
  step_lease_until  DATETIME(6)   NULL,
  created_at        DATETIME(6)   NOT NULL,
  updated_at        DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_backup_order (order_id, state),
  INDEX ix_backup_tenant (tenant_id, project_id, state),
  INDEX ix_backup_due (state, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One daily schedule per VM: the next backup is due at next_run_at; the last keep_count scheduled
-- backups are kept.
CREATE TABLE backup_schedule (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id         BIGINT        NOT NULL,
  order_id          BIGINT        NOT NULL,
  project_id        BIGINT        NULL,
  vm_name           VARCHAR(63)   NOT NULL,
  provider_id       BIGINT        NOT NULL,
  provider_name     VARCHAR(200)  NOT NULL,
  country_code      VARCHAR(2)    NOT NULL,
  one_vm_id         INT           NOT NULL,
  keep_count        INT           NOT NULL,
  next_run_at       DATETIME(6)   NOT NULL COMMENT 'UTC',
  created_at        DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_backup_schedule_order (order_id),
  INDEX ix_backup_schedule_due (next_run_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A VM made from a backup: the saga restores the backup image first and makes the VM of that.
ALTER TABLE vm_order
  ADD COLUMN restore_backup_id BIGINT NULL COMMENT 'the backup this VM is restored from',
  ADD COLUMN restore_image_id INT NULL COMMENT 'that backup''s image at the provider';

ALTER TABLE usage_interval
  DROP CONSTRAINT ck_interval_owner,
  ADD COLUMN backup_id BIGINT NULL COMMENT 'the metered backup; NULL otherwise',
  ADD CONSTRAINT uk_interval_backup UNIQUE (backup_id, started_at),
  ADD CONSTRAINT ck_interval_owner CHECK (
    (order_id IS NOT NULL) + (volume_id IS NOT NULL) + (snapshot_id IS NOT NULL)
      + (backup_id IS NOT NULL) = 1);
