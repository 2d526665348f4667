-- A tenant admin may require approval for orders above a monthly cost; such orders wait, with
-- their quota reserved and capacity claimed, until an admin approves (deployed) or rejects them.
CREATE TABLE order_policy (
  tenant_id                BIGINT        NOT NULL,
  approval_above_eur_month DECIMAL(12,2) NULL COMMENT 'NULL: no approval needed',
  updated_by               VARCHAR(255)  NOT NULL,
  updated_at               DATETIME(6)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (tenant_id),
  CONSTRAINT fk_policy_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE vm_order
  ADD COLUMN estimate_eur_month DECIMAL(12,2) NULL COMMENT 'at the chosen provider, when ordered',
  ADD COLUMN decided_by VARCHAR(255) NULL COMMENT 'who approved or rejected it';
