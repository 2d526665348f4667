-- Issue #17: requests and tokens per minute for a project's API keys together, set by tenant
-- admins, counted like a key's (a fixed minute in UTC, across every node).
CREATE TABLE ai_project_limit (
  project_id          BIGINT       NOT NULL PRIMARY KEY,
  tenant_id           BIGINT       NOT NULL,
  requests_per_minute INT          NULL COMMENT 'NULL: no limit',
  tokens_per_minute   INT          NULL COMMENT 'NULL: no limit',
  updated_at          DATETIME(6)  NOT NULL COMMENT 'UTC',
  updated_by          VARCHAR(255) NOT NULL,
  INDEX ix_ai_project_limit_tenant (tenant_id),
  CONSTRAINT fk_ai_project_limit_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
  CONSTRAINT fk_ai_project_limit_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ai_project_window (
  project_id   BIGINT   NOT NULL,
  minute_start DATETIME NOT NULL COMMENT 'UTC',
  requests     INT      NOT NULL,
  tokens       BIGINT   NOT NULL,
  PRIMARY KEY (project_id, minute_start),
  CONSTRAINT fk_ai_project_window_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
