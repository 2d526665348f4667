-- Issue #19 (fast at scale): a tenant's spend this month (the dashboard, the billing page, budget
-- checks, the AI gateway's check of a blocking budget) summed the month's token records on every
-- view, and the gateway writes one record per answered call: 2.5 s a view for a month of a million
-- calls. The records are never changed once written, so a node keeps them summed as it keeps the
-- month's settled usage intervals (V75, V78): those recorded before the cut (ten to twenty minutes
-- ago) once, and a view sums only the ones recorded since (billing.SettledUsage). recorded_at is
-- the database's time of the insert, whoever writes. Rows written before this migration were
-- recorded at a time no column kept: they get 2000-01-01, long settled, through a constant default
-- that MariaDB adds without rebuilding the table (by hand, a million rows: a column added with the
-- time of the insert as its default rebuilt the table in 7.3 s; the two statements below took no
-- time worth measuring, the index 1.7 s).
ALTER TABLE token_usage
  ADD COLUMN recorded_at DATETIME(6) NOT NULL DEFAULT '2000-01-01 00:00:00'
    COMMENT 'the database''s time of the insert; 2000-01-01: written before V79';
ALTER TABLE token_usage
  ALTER COLUMN recorded_at SET DEFAULT CURRENT_TIMESTAMP(6);
CREATE INDEX ix_token_recorded ON token_usage (tenant_id, month_start, recorded_at);

-- What a node keeps holds while no settled record changes: an update or delete of a record
-- recorded five minutes ago or more, or one written with such a stamp (a restore), raises the
-- month's revision of V78, as a settled interval's change does. The gateway's inserts, stamped
-- now, raise nothing.
DELIMITER //

CREATE TRIGGER token_usage_settled_i AFTER INSERT ON token_usage FOR EACH ROW
  CALL usage_settled_touched(NEW.tenant_id, NEW.month_start, NEW.recorded_at, NEW.recorded_at)//

CREATE TRIGGER token_usage_settled_u AFTER UPDATE ON token_usage FOR EACH ROW
BEGIN
  CALL usage_settled_touched(OLD.tenant_id, OLD.month_start, OLD.recorded_at, OLD.recorded_at);
  CALL usage_settled_touched(NEW.tenant_id, NEW.month_start, NEW.recorded_at, NEW.recorded_at);
END//

CREATE TRIGGER token_usage_settled_d AFTER DELETE ON token_usage FOR EACH ROW
  CALL usage_settled_touched(OLD.tenant_id, OLD.month_start, OLD.recorded_at, OLD.recorded_at)//

DELIMITER ;
