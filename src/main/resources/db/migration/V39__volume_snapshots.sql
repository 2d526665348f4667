-- Issue #23: snapshots of a volume. Taken on the volume's disk in the VM it is attached to, they
-- stay with the volume (its image keeps them once detached, OpenNebula's PERSISTENT_SNAPSHOTS),
-- follow it to another VM, are restored or deleted through the image while it is detached, and go
-- when the volume is deleted. order_id, vm_name and one_vm_id say which VM it was taken on.
ALTER TABLE disk_snapshot
  ADD COLUMN volume_id BIGINT NULL COMMENT 'the volume whose snapshot it is; NULL: the VM''s own disk',
  ADD COLUMN volume_name VARCHAR(63) NULL,
  ADD INDEX ix_snapshot_volume (volume_id, state);
