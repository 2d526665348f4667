-- Drift on every resource (issue #24): disk and GPUs by model beside VMs, vCPU and memory; the VMs
-- that explain each difference; VMs a platform admin marked foreign (left out of the provider's
-- count from then on).
ALTER TABLE quota_drift
  ADD COLUMN federa_disk_gib   INT NOT NULL DEFAULT 0 AFTER provider_memory_mib,
  ADD COLUMN provider_disk_gib INT NOT NULL DEFAULT 0 AFTER federa_disk_gib;

-- GPUs per model, per provider and tenant: '' is "any model" (an order that takes any of its
-- class); a provider's device no catalog model names is counted under its device name.
CREATE TABLE quota_drift_gpu (
  provider_id   BIGINT       NOT NULL,
  tenant_id     BIGINT       NOT NULL,
  gpu_model     VARCHAR(255) NOT NULL,
  federa_gpus   INT          NOT NULL,
  provider_gpus INT          NOT NULL,
  PRIMARY KEY (provider_id, tenant_id, gpu_model),
  CONSTRAINT fk_drift_gpu_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  CONSTRAINT fk_drift_gpu_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The VMs behind the differences, rewritten for a provider on each drift check. kind: UNKNOWN (a
-- VM of the tenant's group no order owns), ORPHAN (it carries the id of an order that no longer
-- owns it; the reconciler terminates it after its grace), GONE (Federa counts an order whose VM
-- the provider no longer runs), UNCOUNTED (an order's VM Federa's quota does not count in full),
-- DIFFERENT (an order's VM is not what Federa counts: vCPU, memory, disk or GPUs).
CREATE TABLE drift_vm (
  id                  BIGINT       NOT NULL AUTO_INCREMENT,
  provider_id         BIGINT       NOT NULL,
  tenant_id           BIGINT       NOT NULL,
  kind                VARCHAR(16)  NOT NULL,
  one_vm_id           INT          NULL,
  order_id            BIGINT       NULL,
  vm_name             VARCHAR(255) NOT NULL,
  federa_vcpu         INT          NOT NULL,
  provider_vcpu       INT          NOT NULL,
  federa_memory_mib   BIGINT       NOT NULL,
  provider_memory_mib BIGINT       NOT NULL,
  federa_disk_gib     INT          NOT NULL,
  provider_disk_gib   INT          NOT NULL,
  federa_gpus         VARCHAR(500) NOT NULL COMMENT 'e.g. 2 x H100',
  provider_gpus       VARCHAR(500) NOT NULL,
  checked_at          DATETIME(6)  NOT NULL COMMENT 'UTC',
  PRIMARY KEY (id),
  KEY ix_drift_vm_pair (provider_id, tenant_id),
  CONSTRAINT fk_drift_vm_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  CONSTRAINT fk_drift_vm_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE foreign_vm (
  provider_id BIGINT        NOT NULL,
  one_vm_id   INT           NOT NULL,
  tenant_id   BIGINT        NOT NULL,
  vm_name     VARCHAR(255)  NOT NULL,
  reason      VARCHAR(500)  NOT NULL,
  marked_by   VARCHAR(255)  NOT NULL,
  marked_at   DATETIME(6)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (provider_id, one_vm_id),
  CONSTRAINT fk_foreign_vm_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  CONSTRAINT fk_foreign_vm_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
