-- Plans of quotas platform admins choose from when they approve an organisation, and each tenant's
-- limits. A NULL limit is "unlimited", written explicitly in the plan.
CREATE TABLE quota_plan (
  code               VARCHAR(30)   NOT NULL,
  name               VARCHAR(100)  NOT NULL,
  position           INT           NOT NULL,
  vcpu               INT           NULL,
  memory_mib         BIGINT        NULL,
  gpus               INT           NULL,
  vms                INT           NULL,
  disk_gib           INT           NULL,
  ai_endpoints       INT           NULL,
  monthly_budget_eur DECIMAL(12,2) NULL,
  PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO quota_plan (code, name, position, vcpu, memory_mib, gpus, vms, disk_gib, ai_endpoints, monthly_budget_eur) VALUES
  ('starter',  'Starter',   1,  16,   65536, 0,  10,   500, 1,   1000.00),
  ('standard', 'Standard',  2,  64,  262144, 2,  50,  4000, 5,  10000.00),
  ('large',    'Large',     3, 512, 2097152, 16, 400, 40000, 20, 100000.00);

CREATE TABLE tenant_quota (
  tenant_id          BIGINT        NOT NULL,
  plan_code          VARCHAR(30)   NOT NULL COMMENT 'the plan the limits came from',
  vcpu               INT           NULL,
  memory_mib         BIGINT        NULL,
  gpus               INT           NULL,
  vms                INT           NULL,
  disk_gib           INT           NULL,
  ai_endpoints       INT           NULL,
  monthly_budget_eur DECIMAL(12,2) NULL,
  granted_at         DATETIME(6)   NOT NULL COMMENT 'UTC',
  granted_by         VARCHAR(255)  NOT NULL,
  version            BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id),
  CONSTRAINT fk_tenant_quota_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE,
  CONSTRAINT fk_tenant_quota_plan FOREIGN KEY (plan_code) REFERENCES quota_plan (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
