-- Metering: what each resource did, as intervals. One row per resource per state (RUNNING: charged
-- for compute and disk; POWEROFF: disk only) with the size it had and the provider it ran at. An
-- interval never spans two billing months (UTC): it is closed at the month boundary and continued
-- in a new row. (order_id, started_at) is the interval's idempotency key: writing the same interval
-- twice, from a state change and from the provider's accounting, keeps one row.
CREATE TABLE usage_interval (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id      BIGINT       NOT NULL,
  project_id     BIGINT       NULL,
  order_id       BIGINT       NOT NULL,
  resource_name  VARCHAR(63)  NOT NULL,
  resource_kind  VARCHAR(20)  NOT NULL COMMENT 'VM, INFERENCE, NOTEBOOK, TRAINING',
  usage_state    VARCHAR(10)  NOT NULL COMMENT 'RUNNING or POWEROFF',
  provider_id    BIGINT       NOT NULL,
  provider_name  VARCHAR(200) NOT NULL,
  country_code   VARCHAR(2)   NOT NULL,
  vcpu           INT          NOT NULL,
  memory_mib     BIGINT       NOT NULL,
  disk_gib       INT          NOT NULL,
  gpus           INT          NOT NULL,
  gpu_model      VARCHAR(60)  NULL,
  month_start    DATE         NOT NULL COMMENT 'the UTC billing month the interval belongs to',
  started_at     DATETIME(6)  NOT NULL COMMENT 'UTC, inclusive',
  ended_at       DATETIME(6)  NULL COMMENT 'UTC, exclusive; NULL while open',
  source         VARCHAR(12)  NOT NULL COMMENT 'EVENT: a state change Federa saw; ACCOUNTING: repaired from the provider',
  PRIMARY KEY (id),
  CONSTRAINT uk_interval_key UNIQUE (order_id, started_at),
  INDEX ix_interval_month (month_start, tenant_id),
  INDEX ix_interval_open (ended_at, order_id),
  INDEX ix_interval_tenant (tenant_id, month_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Token counts of AI endpoints, per endpoint, model and period, reported by the serving appliance.
-- A place for token pricing: the price lists already carry EUR per million tokens in and out.
CREATE TABLE token_usage (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id       BIGINT       NOT NULL,
  project_id      BIGINT       NULL,
  service_id      BIGINT       NOT NULL,
  model_code      VARCHAR(60)  NOT NULL,
  provider_id     BIGINT       NOT NULL,
  provider_name   VARCHAR(200) NOT NULL,
  country_code    VARCHAR(2)   NOT NULL,
  month_start     DATE         NOT NULL,
  period_start    DATETIME(6)  NOT NULL COMMENT 'UTC',
  period_end      DATETIME(6)  NOT NULL COMMENT 'UTC',
  input_tokens    BIGINT       NOT NULL,
  output_tokens   BIGINT       NOT NULL,
  report_key      VARCHAR(100) NOT NULL COMMENT 'idempotency key of the report',
  PRIMARY KEY (id),
  CONSTRAINT uk_token_report UNIQUE (report_key),
  INDEX ix_token_month (month_start, tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
