-- Monthly budgets: the limit is the tenant's quota (monthly_budget_eur, NULL = none); its tenant
-- admin chooses what happens at 100 %: ALERT only, or BLOCK new orders until the month ends.
ALTER TABLE tenant_quota
  ADD COLUMN budget_action VARCHAR(10) NOT NULL DEFAULT 'ALERT' COMMENT 'ALERT or BLOCK';

-- Each threshold crossed, once per tenant and month: the key makes the alert (and its message)
-- happen once even when two nodes check at the same time.
CREATE TABLE budget_alert (
  tenant_id          BIGINT        NOT NULL,
  month_start        DATE          NOT NULL,
  threshold_percent  INT           NOT NULL,
  spent_eur          DECIMAL(14,2) NOT NULL,
  budget_eur         DECIMAL(14,2) NOT NULL,
  raised_at          DATETIME(6)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (tenant_id, month_start, threshold_percent),
  CONSTRAINT fk_budget_alert_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
