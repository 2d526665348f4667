-- The drift check: per provider and tenant, what Federa counts as in use there (its quota
-- reservations of orders at that provider) and what the provider reports for the tenant's
-- OpenNebula group, as of the last reconciliation. Platform admins see the rows that differ.
CREATE TABLE quota_drift (
  provider_id         BIGINT      NOT NULL,
  tenant_id           BIGINT      NOT NULL,
  checked_at          DATETIME(6) NOT NULL COMMENT 'UTC',
  federa_vms          INT         NOT NULL,
  provider_vms        INT         NOT NULL,
  federa_vcpu         INT         NOT NULL,
  provider_vcpu       INT         NOT NULL,
  federa_memory_mib   BIGINT      NOT NULL,
  provider_memory_mib BIGINT      NOT NULL,
  PRIMARY KEY (provider_id, tenant_id),
  CONSTRAINT fk_drift_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  CONSTRAINT fk_drift_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
