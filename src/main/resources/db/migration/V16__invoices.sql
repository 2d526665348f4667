-- Monthly invoices per tenant. Rating writes a DRAFT (re-rating the month replaces its lines, so a
-- re-run gives the same invoice); a platform admin issues it, which numbers it and makes it final:
-- an ISSUED invoice is never rated again or changed. Amounts in EUR, lines rounded to the cent.
CREATE TABLE invoice (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id        BIGINT        NOT NULL,
  month_start      DATE          NOT NULL COMMENT 'the UTC billing month',
  state            VARCHAR(10)   NOT NULL COMMENT 'DRAFT or ISSUED',
  number           VARCHAR(30)   NULL COMMENT 'given when issued, consecutive',
  customer_name    VARCHAR(200)  NOT NULL,
  customer_country CHAR(2)       NOT NULL,
  customer_vat_id  VARCHAR(20)   NOT NULL,
  seller_country   CHAR(2)       NOT NULL,
  vat_treatment    VARCHAR(20)   NOT NULL COMMENT 'DOMESTIC, REVERSE_CHARGE or OUTSIDE_EU',
  vat_rate_percent DECIMAL(5,2)  NOT NULL,
  net_eur          DECIMAL(14,2) NOT NULL,
  vat_eur          DECIMAL(14,2) NOT NULL,
  gross_eur        DECIMAL(14,2) NOT NULL,
  problems         TEXT          NULL COMMENT 'usage that could not be priced, for the platform admin',
  rated_at         DATETIME(6)   NOT NULL COMMENT 'UTC',
  issued_at        DATETIME(6)   NULL COMMENT 'UTC',
  issued_by        VARCHAR(255)  NULL,
  version          BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_invoice_month UNIQUE (tenant_id, month_start),
  CONSTRAINT uk_invoice_number UNIQUE (number),
  INDEX ix_invoice_month (month_start, state),
  CONSTRAINT fk_invoice_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invoice_line (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  invoice_id      BIGINT        NOT NULL,
  position        INT           NOT NULL,
  project_id      BIGINT        NULL,
  project_name    VARCHAR(200)  NULL,
  provider_id     BIGINT        NOT NULL,
  provider_name   VARCHAR(200)  NOT NULL,
  country_code    VARCHAR(2)    NOT NULL,
  item            VARCHAR(30)   NOT NULL,
  detail          VARCHAR(60)   NULL COMMENT 'e.g. the GPU model',
  quantity        DECIMAL(20,4) NOT NULL,
  unit            VARCHAR(20)   NOT NULL,
  unit_price_eur  DECIMAL(14,6) NOT NULL,
  amount_eur      DECIMAL(14,2) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_line_position UNIQUE (invoice_id, position),
  CONSTRAINT fk_line_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Invoice numbers per year, consecutive without gaps: taken under this row's lock when issuing.
CREATE TABLE invoice_number (
  year      INT    NOT NULL,
  last_used BIGINT NOT NULL,
  PRIMARY KEY (year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A billing run of a month: its progress, so that the page can show it and another node sees it.
CREATE TABLE billing_run (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  month_start   DATE          NOT NULL,
  state         VARCHAR(10)   NOT NULL COMMENT 'QUEUED, RUNNING, DONE, FAILED',
  requested_by  VARCHAR(255)  NOT NULL,
  requested_at  DATETIME(6)   NOT NULL,
  started_at    DATETIME(6)   NULL,
  finished_at   DATETIME(6)   NULL,
  lease_until   DATETIME(6)   NULL COMMENT 'UTC; a node working on it renews nothing: a run takes seconds',
  tenants_done  INT           NOT NULL DEFAULT 0,
  tenants_total INT           NOT NULL DEFAULT 0,
  records       BIGINT        NOT NULL DEFAULT 0,
  result        VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  INDEX ix_billing_run_state (state, requested_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
