-- Issue #14, defect 9: a month's billing run is queued once. At most one run of a month is queued or
-- running (a second request for it is the same run), and the run queued automatically after a month
-- ends exists once per month, whichever node queues it first. The node working on a run names itself
-- in claim; its lease is renewed as tenants are rated, and only the claim's holder finishes the run.

-- Runs already queued twice: the newer ones are superseded by the oldest.
UPDATE billing_run r
  JOIN (SELECT month_start, MIN(id) AS keep_id FROM billing_run
        WHERE state IN ('QUEUED', 'RUNNING') GROUP BY month_start) k
    ON r.month_start = k.month_start AND r.id <> k.keep_id
   SET r.state = 'FAILED', r.result = CONCAT('Superseded by run ', k.keep_id, ' of the same month')
 WHERE r.state IN ('QUEUED', 'RUNNING');

ALTER TABLE billing_run
  ADD COLUMN automatic BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'queued by the portal after the month ended',
  ADD COLUMN claim VARCHAR(36) NULL COMMENT 'random id of the node''s work on the run',
  ADD COLUMN active_month DATE AS (CASE WHEN state IN ('QUEUED', 'RUNNING') THEN month_start END) PERSISTENT,
  ADD COLUMN automatic_month DATE AS (CASE WHEN automatic THEN month_start END) PERSISTENT,
  ADD CONSTRAINT uk_billing_run_active UNIQUE (active_month),
  ADD CONSTRAINT uk_billing_run_automatic UNIQUE (automatic_month);
