-- Issue #18: service accounts, for scripts that call the REST API without a browser. A tenant admin
-- makes one; its role and projects are its membership's (tenant_membership.user_subject =
-- service_account.subject, granted_by SERVICE_ACCOUNT), its token is kept as a SHA-256 only.
CREATE TABLE service_account (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id      BIGINT       NOT NULL,
  subject        VARCHAR(64)  NOT NULL COMMENT 'the identity it acts as: service:<uuid>',
  name           VARCHAR(80)  NOT NULL,
  secret_sha256  CHAR(64)     NOT NULL,
  secret_prefix  VARCHAR(16)  NOT NULL COMMENT 'the first characters of the token, to recognise it',
  created_by     VARCHAR(255) NOT NULL COMMENT 'display name of the tenant admin who made it',
  created_at     DATETIME(6)  NOT NULL COMMENT 'UTC',
  expires_at     DATETIME(6)  NOT NULL COMMENT 'UTC: refused from then on',
  revoked_at     DATETIME(6)  NULL COMMENT 'UTC',
  revoked_by     VARCHAR(255) NULL,
  last_used_at   DATETIME(6)  NULL COMMENT 'UTC, to the minute',
  last_refused_at DATETIME(6) NULL COMMENT 'UTC, to the minute: a refused call was audited then',
  version        BIGINT       NOT NULL DEFAULT 0,
  UNIQUE KEY uq_service_account_subject (subject),
  UNIQUE KEY uq_service_account_secret (secret_sha256),
  INDEX ix_service_account_tenant (tenant_id, created_at),
  CONSTRAINT fk_service_account_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
