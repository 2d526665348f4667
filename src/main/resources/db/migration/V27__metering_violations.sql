-- Issue #14, defect 3: the metering invariants checked with every reconciler pass (no open interval
-- of an ended order, none past its end, at most one open per order). Each repaired violation is
-- counted here per kind, with the incident id it was logged under.
CREATE TABLE metering_violation (
  kind          VARCHAR(20)  NOT NULL COMMENT 'OPEN_AFTER_END, PAST_END, TWO_OPEN',
  repaired      BIGINT       NOT NULL DEFAULT 0,
  last_at       DATETIME(6)  NULL COMMENT 'UTC',
  last_incident VARCHAR(8)   NULL,
  last_detail   VARCHAR(300) NULL,
  PRIMARY KEY (kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
