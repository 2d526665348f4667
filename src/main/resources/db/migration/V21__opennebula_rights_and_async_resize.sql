-- A real OpenNebula gives a new group no rights at all: Federa grants each tenant's group the right
-- to create VMs (and the templates their extra attributes make), then USE of each template it
-- instantiates for the tenant and of the images and networks behind it. Recorded so that each grant
-- is made once per tenant, provider and template.
ALTER TABLE provider_tenant_account
  ADD COLUMN rights_granted BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the group may create VMs';

CREATE TABLE provider_tenant_grant (
  provider_id      BIGINT      NOT NULL,
  tenant_id        BIGINT      NOT NULL,
  one_template_id  INT         NOT NULL,
  granted_at       DATETIME(6) NOT NULL COMMENT 'UTC',
  PRIMARY KEY (provider_id, tenant_id, one_template_id),
  CONSTRAINT fk_ptg_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  CONSTRAINT fk_ptg_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A resize is carried out by the saga (OpenNebula's cold migration returns before the VM has
-- moved): what it asked for, and the host it moves to when its own has no room.
ALTER TABLE vm_order
  ADD COLUMN resize_vcpu         INT          NULL AFTER memory_mib,
  ADD COLUMN resize_memory_mib   BIGINT       NULL AFTER resize_vcpu,
  ADD COLUMN resize_host_id      BIGINT       NULL AFTER resize_memory_mib,
  ADD COLUMN resize_host_name    VARCHAR(255) NULL AFTER resize_host_id,
  ADD COLUMN resize_requested_at DATETIME(6)  NULL COMMENT 'UTC' AFTER resize_host_name,
  ADD COLUMN resize_move_sent_at DATETIME(6)  NULL COMMENT 'UTC; the provider may show the VM where it was for a moment' AFTER resize_requested_at;
