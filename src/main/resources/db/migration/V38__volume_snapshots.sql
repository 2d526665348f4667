-- Issue #23: snapshots of a VM's disks, its own or a volume attached to it. A volume's snapshot
-- is taken on the volume's disk in that VM; the volume stays on the VM while it has snapshots.
ALTER TABLE disk_snapshot
  ADD COLUMN volume_id BIGINT NULL COMMENT 'the volume whose disk it is; NULL: the VM''s own disk',
  ADD COLUMN volume_name VARCHAR(63) NULL,
  ADD COLUMN volume_image_id INT NULL COMMENT 'that volume''s image, which names its disk in the VM',
  ADD INDEX ix_snapshot_volume (volume_id, state);
