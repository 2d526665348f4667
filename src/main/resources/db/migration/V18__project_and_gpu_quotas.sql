-- Quotas per project, set by tenant admins within their tenant's limits (NULL: only the tenant's
-- limit applies), and per GPU model for a tenant, set by platform admins (no row: only the tenant's
-- GPU count applies). Reservations record the project and GPU model they count against.
CREATE TABLE project_quota (
  project_id    BIGINT       NOT NULL,
  tenant_id     BIGINT       NOT NULL,
  vcpu          INT          NULL,
  memory_mib    BIGINT       NULL,
  gpus          INT          NULL,
  vms           INT          NULL,
  disk_gib      INT          NULL,
  ai_endpoints  INT          NULL,
  set_by        VARCHAR(255) NOT NULL,
  set_at        DATETIME(6)  NOT NULL COMMENT 'UTC',
  PRIMARY KEY (project_id),
  INDEX ix_project_quota_tenant (tenant_id),
  CONSTRAINT fk_project_quota_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE tenant_gpu_quota (
  tenant_id  BIGINT       NOT NULL,
  gpu_model  VARCHAR(60)  NOT NULL COMMENT 'e.g. H100, as in the catalog sizes',
  gpus       INT          NOT NULL,
  set_by     VARCHAR(255) NOT NULL,
  set_at     DATETIME(6)  NOT NULL COMMENT 'UTC',
  PRIMARY KEY (tenant_id, gpu_model),
  CONSTRAINT fk_gpu_quota_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE quota_reservation
  ADD COLUMN project_id BIGINT NULL AFTER tenant_id,
  ADD COLUMN gpu_model VARCHAR(60) NULL AFTER gpus,
  ADD INDEX ix_reservation_project (project_id);
