-- Issue #17: the AI gateway. Tenants call their inference endpoints at one OpenAI-compatible
-- address with API keys; every answered request writes its tokens before the answer completes.

-- An API key of a tenant, held for one of its projects (whose usage and limits it counts in) or
-- for the whole organisation. Only the SHA-256 of
-- the secret is stored (the key is shown once); the prefix lets people tell their keys apart.
CREATE TABLE ai_key (
  id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id           BIGINT        NOT NULL,
  project_id          BIGINT        NULL COMMENT 'NULL: the organisation''s own',
  name                VARCHAR(80)   NOT NULL,
  key_prefix          VARCHAR(16)   NOT NULL COMMENT 'the first characters of the key, shown in lists',
  secret_sha256       CHAR(64)      NOT NULL,
  all_endpoints       BOOLEAN       NOT NULL COMMENT 'every inference endpoint of its scope, also later ones',
  requests_per_minute INT           NULL COMMENT 'NULL: no limit of its own',
  tokens_per_minute   INT           NULL COMMENT 'input and output tokens together; NULL: no limit',
  created_by          VARCHAR(255)  NOT NULL COMMENT 'subject of the member who created it',
  created_by_name     VARCHAR(255)  NOT NULL,
  created_at          DATETIME(6)   NOT NULL COMMENT 'UTC',
  expires_at          DATETIME(6)   NULL COMMENT 'UTC; NULL: until revoked',
  kept_by_project_at  DATETIME(6)   NULL COMMENT 'UTC; set when a tenant admin kept the key of a member who left',
  revoked_at          DATETIME(6)   NULL COMMENT 'UTC',
  revoked_by          VARCHAR(255)  NULL,
  last_used_at        DATETIME(6)   NULL COMMENT 'UTC, to the minute',
  CONSTRAINT uk_ai_key_secret UNIQUE (secret_sha256),
  INDEX ix_ai_key_tenant (tenant_id, created_at),
  CONSTRAINT fk_ai_key_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE,
  CONSTRAINT fk_ai_key_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The endpoints a key may call when it is not for all of them.
CREATE TABLE ai_key_endpoint (
  key_id     BIGINT NOT NULL,
  service_id BIGINT NOT NULL,
  PRIMARY KEY (key_id, service_id),
  CONSTRAINT fk_ai_key_endpoint_key FOREIGN KEY (key_id) REFERENCES ai_key (id) ON DELETE CASCADE,
  CONSTRAINT fk_ai_key_endpoint_service FOREIGN KEY (service_id) REFERENCES ai_service (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Requests and tokens of a key per minute, shared by every node (the limits hold across them).
CREATE TABLE ai_rate_window (
  key_id       BIGINT      NOT NULL,
  minute_start DATETIME    NOT NULL COMMENT 'UTC',
  requests     INT         NOT NULL,
  tokens       BIGINT      NOT NULL,
  PRIMARY KEY (key_id, minute_start),
  CONSTRAINT fk_ai_rate_key FOREIGN KEY (key_id) REFERENCES ai_key (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each request through the gateway is one record: its key, and whether its counts were estimated
-- because the model server reported none.
ALTER TABLE token_usage
  ADD COLUMN key_id BIGINT NULL COMMENT 'the API key of a request through the gateway' AFTER service_id,
  ADD COLUMN estimated BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'counted by Federa, not reported by the model server',
  ADD INDEX ix_token_key (key_id, period_start),
  ADD INDEX ix_token_tenant_time (tenant_id, period_start);

-- Token prices per model, in a provider's effective-dated price list; a model without its own
-- line is priced at the list's token rates.
CREATE TABLE price_list_model (
  price_list_id               BIGINT        NOT NULL,
  model_code                  VARCHAR(60)   NOT NULL,
  eur_per_million_tokens_in   DECIMAL(14,6) NOT NULL,
  eur_per_million_tokens_out  DECIMAL(14,6) NOT NULL,
  PRIMARY KEY (price_list_id, model_code),
  CONSTRAINT fk_price_model_list FOREIGN KEY (price_list_id) REFERENCES price_list (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A training job's progress as its appliance reports it on its VM (one.vm.update of FEDERA_JOB_*,
-- read by the reconciler): RUNNING, SUCCEEDED or FAILED, the tail of its log, where its output is.
ALTER TABLE vm_order
  ADD COLUMN job_status      VARCHAR(12)   NULL COMMENT 'RUNNING, SUCCEEDED or FAILED, as reported',
  ADD COLUMN job_log_tail    VARCHAR(2000) NULL,
  ADD COLUMN job_output      VARCHAR(500)  NULL,
  ADD COLUMN job_reported_at DATETIME(6)   NULL COMMENT 'UTC';
