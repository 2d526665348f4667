-- Issue #19 (fast at scale): when each usage interval last changed, by the database's own clock,
-- whichever code or hand changed it. A tenant's spend this month (the dashboard, the billing page,
-- budget checks) keeps the rated sum of the month's intervals that are closed and have not changed
-- for ten minutes (longer than any transaction may run), and rates only the others on a view; the
-- number of such intervals, counted on the index below, tells whether one was since changed,
-- added or deleted (billing.SettledUsage).
ALTER TABLE usage_interval
  ADD COLUMN changed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
    ON UPDATE CURRENT_TIMESTAMP(6) COMMENT 'the database''s time of the last insert or update',
  ADD INDEX ix_interval_changed (tenant_id, month_start, changed_at, ended_at),
  DROP INDEX ix_interval_tenant;
