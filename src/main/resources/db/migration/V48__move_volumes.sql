-- Issue #16, continued: a VM moves with its volumes. Each volume's disk is copied like the VM's
-- own (saved and published at the source, copied into Federa, downloaded by the target into a
-- persistent image of the tenant) and hot-plugged into the VM at the target before its check; at
-- the cutover the volume is at the target (its own billing switches provider at that second), and
-- its image at the source is deleted once the move is confirmed.
CREATE TABLE vm_move_volume (
  id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  move_id            BIGINT        NOT NULL,
  volume_id          BIGINT        NOT NULL,
  size_gib           INT           NOT NULL,
  source_image_id    INT           NOT NULL COMMENT 'the volume''s persistent image at the source',
  source_disk_id     INT           NOT NULL COMMENT 'its DISK_ID in the source VM',
  source_datastore_id INT          NULL,
  disk_state         VARCHAR(12)   NOT NULL COMMENT 'the transfer from the source (DiskTransfer.State)',
  one_image_id       INT           NULL COMMENT 'the copy saved at the source',
  one_app_id         INT           NULL COMMENT 'its marketplace app at the source',
  source_url         VARCHAR(2000) NULL,
  md5                VARCHAR(64)   NULL,
  disk_format        VARCHAR(20)   NULL,
  bytes_done         BIGINT        NOT NULL DEFAULT 0,
  size_bytes         BIGINT        NULL,
  sha256             CHAR(64)      NULL,
  target_image_id    INT           NULL COMMENT 'the persistent image imported at the target',
  target_datastore_id INT          NULL,
  target_disk_id     INT           NULL COMMENT 'its DISK_ID in the target VM, once attached',
  UNIQUE KEY uq_vm_move_volume (move_id, volume_id),
  INDEX ix_vm_move_volume_volume (volume_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE vm_move
  ADD COLUMN volumes_bytes_total BIGINT NOT NULL DEFAULT 0 COMMENT 'the volumes moving with the VM, added up (their sizes until each copy tells its bytes)',
  ADD COLUMN volumes_bytes_done BIGINT NOT NULL DEFAULT 0 COMMENT 'their bytes copied into Federa, added up';
