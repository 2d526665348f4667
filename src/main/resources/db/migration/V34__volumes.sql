-- Issue #23: volumes, extra disks of a project at a provider: made as persistent datablock images
-- by the tenant's agent user, hot-plugged into the project's VMs, kept when detached, counted in
-- the disk quota and billed per GiB-month like a VM's disk.
CREATE TABLE volume (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id         BIGINT        NOT NULL,
  project_id        BIGINT        NULL,
  name              VARCHAR(63)   NOT NULL,
  size_gib          INT           NOT NULL,
  state             VARCHAR(12)   NOT NULL COMMENT 'CREATING, AVAILABLE, ATTACHING, ATTACHED, DETACHING, DELETING, DELETED, FAILED',
  provider_id       BIGINT        NOT NULL,
  provider_name     VARCHAR(200)  NOT NULL,
  country_code      VARCHAR(2)    NOT NULL,
  one_datastore_id  INT           NULL COMMENT 'where its image is made: beside its first VM''s disk',
  one_image_id      INT           NULL COMMENT 'its image at the provider, once made',
  order_id          BIGINT        NULL COMMENT 'the VM it is attached to, or being attached to or detached from',
  vm_name           VARCHAR(63)   NULL,
  one_vm_id         INT           NULL,
  disk_id           INT           NULL COMMENT 'its DISK_ID in that VM',
  sent_at           DATETIME(6)   NULL COMMENT 'UTC; the hot-plug of the current step was sent then',
  reason            VARCHAR(1000) NULL COMMENT 'why the last step failed (a message key and its arguments)',
  next_attempt_at   DATETIME(6)   NOT NULL COMMENT 'UTC; a step in progress is looked at again then',
  step_claim        VARCHAR(36)   NULL COMMENT 'random id of the step in flight',
  step_lease_until  DATETIME(6)   NULL COMMENT 'UTC; the step in flight is its holder''s until then',
  created_at        DATETIME(6)   NOT NULL,
  updated_at        DATETIME(6)   NOT NULL,
  deleted_at        DATETIME(6)   NULL,
  PRIMARY KEY (id),
  INDEX ix_volume_tenant (tenant_id, state),
  INDEX ix_volume_due (state, next_attempt_at),
  INDEX ix_volume_order (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A volume is metered like a VM, in its own intervals (usage_state STORED: disk only).
ALTER TABLE usage_interval
  MODIFY COLUMN order_id BIGINT NULL,
  ADD COLUMN volume_id BIGINT NULL COMMENT 'the metered volume; NULL for an order''s intervals',
  ADD CONSTRAINT uk_interval_volume UNIQUE (volume_id, started_at),
  ADD CONSTRAINT ck_interval_owner CHECK ((order_id IS NULL) <> (volume_id IS NULL));
