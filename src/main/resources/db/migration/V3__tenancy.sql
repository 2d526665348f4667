-- Organisations (tenants), their members, and the onboarding requests that create them.
CREATE TABLE tenant (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  name                VARCHAR(200)  NOT NULL,
  country_code        CHAR(2)       NOT NULL,
  vat_id              VARCHAR(20)   NOT NULL,
  billing_email       VARCHAR(320)  NOT NULL,
  residency_countries VARCHAR(200)  NOT NULL COMMENT 'EU, or semicolon-separated ISO codes',
  created_at          DATETIME(6)   NOT NULL COMMENT 'UTC',
  version             BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_tenant_vat UNIQUE (vat_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE tenant_membership (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id    BIGINT       NOT NULL,
  user_subject VARCHAR(255) NOT NULL,
  role         VARCHAR(20)  NOT NULL,
  created_at   DATETIME(6)  NOT NULL COMMENT 'UTC',
  version      BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_membership UNIQUE (tenant_id, user_subject),
  CONSTRAINT fk_membership_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE,
  INDEX ix_membership_user (user_subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- pending_vat_id and pending_requester are set only while a request is pending: their unique keys
-- make "one pending request per organisation and per requester" hold under concurrency.
CREATE TABLE onboarding_request (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  requester_subject   VARCHAR(255)  NOT NULL,
  requester_email     VARCHAR(320)  NULL,
  legal_name          VARCHAR(200)  NOT NULL,
  country_code        CHAR(2)       NOT NULL,
  vat_id              VARCHAR(20)   NOT NULL,
  billing_email       VARCHAR(320)  NOT NULL,
  residency_countries VARCHAR(200)  NOT NULL,
  intended_use        VARCHAR(1000) NOT NULL,
  status              VARCHAR(20)   NOT NULL,
  rejection_reason    VARCHAR(500)  NULL,
  decided_by          VARCHAR(255)  NULL,
  decided_at          DATETIME(6)   NULL COMMENT 'UTC',
  tenant_id           BIGINT        NULL,
  pending_vat_id      VARCHAR(20)   NULL,
  pending_requester   VARCHAR(255)  NULL,
  created_at          DATETIME(6)   NOT NULL COMMENT 'UTC',
  version             BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_request_pending_vat UNIQUE (pending_vat_id),
  CONSTRAINT uk_request_pending_requester UNIQUE (pending_requester),
  CONSTRAINT fk_request_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
  INDEX ix_request_status (status, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
