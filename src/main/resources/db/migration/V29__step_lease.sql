-- Issue #14, defect 4: a saga step is claimed with a lease that the node renews while the step
-- runs, and names its holder; a write of a step whose claim was taken over (its node was presumed
-- dead) is refused. next_step_at says only when the next step is due.
ALTER TABLE vm_order
  ADD COLUMN step_claim       VARCHAR(36) NULL COMMENT 'random id of the step in flight',
  ADD COLUMN step_lease_until DATETIME(6) NULL COMMENT 'UTC; the step in flight is its holder''s until then';
