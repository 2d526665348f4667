-- The OpenNebula group of each tenant at each provider, and the user Federa acts as there: created
-- lazily the first time the tenant's workload goes to that provider, and never twice.
CREATE TABLE provider_tenant_account (
  provider_id   BIGINT       NOT NULL,
  tenant_id     BIGINT       NOT NULL,
  group_name    VARCHAR(128) NOT NULL,
  user_name     VARCHAR(128) NOT NULL,
  user_secret   VARCHAR(100) NOT NULL COMMENT 'never shown to users',
  one_group_id  INT          NULL,
  one_user_id   INT          NULL,
  ready         BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at    DATETIME(6)  NOT NULL COMMENT 'UTC',
  PRIMARY KEY (provider_id, tenant_id),
  CONSTRAINT fk_pta_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  CONSTRAINT fk_pta_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
