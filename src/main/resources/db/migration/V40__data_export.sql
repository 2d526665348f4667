-- Issue #15: a tenant's export bundle (Data Act Art. 25(2)(e), Art. 30), made in the background on
-- any node (claimed with SKIP LOCKED and a lease renewed after each section), kept for a retention
-- period, downloadable by the tenant's admins.
CREATE TABLE data_export (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id         BIGINT        NOT NULL,
  active_tenant_id  BIGINT        NULL COMMENT 'tenant_id while QUEUED or RUNNING: one at a time per tenant',
  requested_by      VARCHAR(255)  NOT NULL COMMENT 'the subject of the admin who asked',
  state             VARCHAR(12)   NOT NULL COMMENT 'QUEUED, RUNNING, READY, FAILED, EXPIRED',
  sections_total    INT           NOT NULL DEFAULT 0,
  sections_done     INT           NOT NULL DEFAULT 0,
  current_section   VARCHAR(40)   NULL,
  file_count        INT           NOT NULL DEFAULT 0,
  size_bytes        BIGINT        NULL,
  sha256            VARCHAR(64)   NULL COMMENT 'of the whole ZIP',
  reason            VARCHAR(1000) NULL,
  attempts          INT           NOT NULL DEFAULT 0,
  next_attempt_at   DATETIME(6)   NOT NULL,
  step_claim        VARCHAR(36)   NULL,
  step_lease_until  DATETIME(6)   NULL,
  created_at        DATETIME(6)   NOT NULL,
  started_at        DATETIME(6)   NULL,
  ready_at          DATETIME(6)   NULL,
  expires_at        DATETIME(6)   NULL COMMENT 'UTC; the bundle is deleted then',
  updated_at        DATETIME(6)   NOT NULL,
  version           BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_export_active UNIQUE (active_tenant_id),
  INDEX ix_export_tenant (tenant_id, id),
  INDEX ix_export_due (state, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
