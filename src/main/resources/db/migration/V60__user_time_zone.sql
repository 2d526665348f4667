-- Issue #19: each user reads times in the zone they chose in their profile (UTC when none).
ALTER TABLE portal_user
  ADD COLUMN time_zone VARCHAR(64) NULL COMMENT 'IANA zone id (Europe/Paris); NULL is UTC';
