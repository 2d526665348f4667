-- Issue #14, defect 8: usage of a month that changes after its invoice was issued is billed on the
-- tenant's next invoice as adjustment lines naming the month they correct; the issued invoice
-- never changes.
ALTER TABLE invoice
  ADD COLUMN usage_fingerprint VARCHAR(100) NULL
    COMMENT 'count and checksums of the month''s usage as billed so far (this invoice and issued adjustments)';
ALTER TABLE invoice_line
  ADD COLUMN adjusts_month DATE NULL
    COMMENT 'for an adjustment line: the earlier billing month it corrects',
  ADD INDEX ix_line_adjusts (adjusts_month);
