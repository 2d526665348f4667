-- Issue #24: a suspension may power the organisation's running VMs off; those it powered off (and
-- only those) are powered on again when the suspension ends.
ALTER TABLE tenant
  ADD COLUMN suspension_powers_off BOOLEAN NOT NULL DEFAULT FALSE
    COMMENT 'the suspension powered its running VMs off';
ALTER TABLE vm_order
  ADD COLUMN stopped_for_suspension BOOLEAN NOT NULL DEFAULT FALSE
    COMMENT 'powered off by its organisation''s suspension: powered on again when it ends';
