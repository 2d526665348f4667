-- Issue #15: the disks of a tenant's VMs in its export: each disk saved at its provider
-- (one.vm.disksaveas), published to the provider's http marketplace, and copied to Federa with
-- its bytes counted, so that a copy cut by a fault or a restart resumes where it stopped.
CREATE TABLE data_export_disk (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  export_id      BIGINT        NOT NULL,
  order_id       BIGINT        NOT NULL COMMENT 'the VM order whose disk it is',
  vm_name        VARCHAR(63)   NOT NULL,
  provider_id    BIGINT        NOT NULL,
  provider_name  VARCHAR(200)  NOT NULL,
  one_vm_id      INT           NOT NULL,
  disk_id        INT           NOT NULL,
  size_mib       BIGINT        NOT NULL,
  state          VARCHAR(12)   NOT NULL COMMENT 'WAITING, SAVING, PUBLISHING, COPYING, DONE, FAILED',
  one_image_id   INT           NULL COMMENT 'the saved copy at the provider, deleted once copied',
  one_app_id     INT           NULL COMMENT 'its marketplace app, deleted once copied',
  source         VARCHAR(1000) NULL COMMENT 'where the provider serves its bytes',
  md5            VARCHAR(32)   NULL COMMENT 'as the provider states it',
  format         VARCHAR(20)   NULL,
  bytes_done     BIGINT        NOT NULL DEFAULT 0,
  size_bytes     BIGINT        NULL,
  sha256         VARCHAR(64)   NULL,
  reason         VARCHAR(1000) NULL,
  updated_at     DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_export_disk (export_id, id),
  CONSTRAINT fk_export_disk FOREIGN KEY (export_id) REFERENCES data_export (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
