-- Issue #23: snapshots and backups count in the disk quota like volumes: each reserves the size of
-- the disks it copies when asked (refused when that does not fit), and keeps what it came to.
ALTER TABLE disk_snapshot
  ADD COLUMN quota_gib INT NOT NULL DEFAULT 0 COMMENT 'disk quota reserved when asked: the disk''s size';
ALTER TABLE vm_backup
  ADD COLUMN quota_gib INT NOT NULL DEFAULT 0 COMMENT 'disk quota reserved when asked: the VM''s disks';
ALTER TABLE backup_schedule
  ADD COLUMN disk_gib INT NOT NULL DEFAULT 0 COMMENT 'the VM''s disks: what each daily backup reserves';
