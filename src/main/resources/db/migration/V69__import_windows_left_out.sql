-- Issue #20: an import says how many of the bundle's blackout windows it left out (not a window the
-- portal's form would take, or beyond the 20 an organisation may have), instead of dropping them
-- silently.
ALTER TABLE bundle_import
  ADD COLUMN blackout_windows_left_out INT NOT NULL DEFAULT 0 COMMENT 'blackout windows of the bundle not restored';
