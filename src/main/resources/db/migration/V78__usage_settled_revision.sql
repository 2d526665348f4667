-- Issue #19 (fast at scale): a tenant's spend this month (the dashboard, the billing page, budget
-- checks) keeps the rated sum of the month's settled intervals, those closed and unchanged since a
-- cut ten to twenty minutes ago (billing.SettledUsage). Each view checked that sum by counting the
-- settled intervals on ix_interval_changed, which grows with the month: 5-6 ms for 10,000
-- intervals, 28 ms for 57,000 at a month's end. Instead the triggers below count, per tenant and
-- month, every write that may touch a settled interval, whichever code or hand makes it: the
-- update or delete of an interval closed and unchanged for five minutes (no cut is younger than
-- ten), and an interval written closed with a stamp at least five minutes old (a late repair). A
-- view reads that one row. Writes to open intervals and to intervals closed just now (the usual
-- ones) count nothing. (No foreign key cascades into usage_interval; a TRUNCATE fires no trigger,
-- and a node reads each month it keeps whole again every hour.)
CREATE TABLE usage_settled_revision (
  tenant_id   BIGINT NOT NULL,
  month_start DATE   NOT NULL COMMENT 'the UTC billing month',
  revision    BIGINT NOT NULL COMMENT 'writes that may have touched the month''s settled intervals',
  PRIMARY KEY (tenant_id, month_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A view reads the month's open intervals on their own: on ix_interval_changed they were found
-- among all the month's intervals.
CREATE INDEX ix_interval_open_month ON usage_interval (tenant_id, month_start, ended_at);

DELIMITER //

-- An interval as it was before a write, or is after it: if it may be settled at some node's cut,
-- its month's revision goes up.
CREATE PROCEDURE usage_settled_touched(IN p_tenant BIGINT, IN p_month DATE,
                                       IN p_ended_at DATETIME(6), IN p_changed_at DATETIME(6))
  MODIFIES SQL DATA
BEGIN
  IF p_ended_at IS NOT NULL AND p_changed_at < NOW(6) - INTERVAL 5 MINUTE THEN
    INSERT INTO usage_settled_revision (tenant_id, month_start, revision)
      VALUES (p_tenant, p_month, 1)
      ON DUPLICATE KEY UPDATE revision = revision + 1;
  END IF;
END//

CREATE TRIGGER usage_interval_settled_i AFTER INSERT ON usage_interval FOR EACH ROW
  CALL usage_settled_touched(NEW.tenant_id, NEW.month_start, NEW.ended_at, NEW.changed_at)//

CREATE TRIGGER usage_interval_settled_u AFTER UPDATE ON usage_interval FOR EACH ROW
BEGIN
  CALL usage_settled_touched(OLD.tenant_id, OLD.month_start, OLD.ended_at, OLD.changed_at);
  CALL usage_settled_touched(NEW.tenant_id, NEW.month_start, NEW.ended_at, NEW.changed_at);
END//

CREATE TRIGGER usage_interval_settled_d AFTER DELETE ON usage_interval FOR EACH ROW
  CALL usage_settled_touched(OLD.tenant_id, OLD.month_start, OLD.ended_at, OLD.changed_at)//

DELIMITER ;
