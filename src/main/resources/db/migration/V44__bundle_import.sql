-- Issue #15: loading a tenant's export bundle into this Federa (a switch between two Federa
-- deployments, or a test of the bundle on the same one). A platform admin uploads the bundle; a
-- worker on any node claims the import (SKIP LOCKED, leased) and recreates the organisation, then
-- each VM from its disk through an ordinary order that placement places.
CREATE TABLE bundle_import (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  file_name          VARCHAR(255)  NOT NULL COMMENT 'the uploaded bundle in the export directory',
  bundle_sha256      VARCHAR(64)   NOT NULL,
  source_tenant_id   BIGINT        NOT NULL COMMENT 'the tenant id in the deployment that exported it',
  source_created_at  DATETIME(6)   NOT NULL COMMENT 'UTC; when the bundle was made',
  same_issuer        BOOLEAN       NOT NULL COMMENT 'exported by this deployment (same identity provider)',
  name               VARCHAR(200)  NOT NULL,
  country_code       CHAR(2)       NOT NULL,
  vat_id             VARCHAR(20)   NOT NULL,
  tenant_id          BIGINT        NULL COMMENT 'the organisation recreated here',
  state              VARCHAR(12)   NOT NULL COMMENT 'QUEUED, RUNNING, DONE, FAILED',
  step               VARCHAR(20)   NOT NULL COMMENT 'ORGANISATION, DISKS, ORDERS, WATCHING, DONE',
  members_joined     INT           NOT NULL DEFAULT 0,
  members_invited    INT           NOT NULL DEFAULT 0,
  reason             VARCHAR(1000) NULL,
  attempts           INT           NOT NULL DEFAULT 0,
  next_attempt_at    DATETIME(6)   NOT NULL,
  step_claim         VARCHAR(36)   NULL,
  step_lease_until   DATETIME(6)   NULL,
  imported_by        VARCHAR(255)  NOT NULL,
  link_base          VARCHAR(500)  NOT NULL COMMENT 'the portal address at upload: invitation and disk links',
  created_at         DATETIME(6)   NOT NULL COMMENT 'UTC',
  updated_at         DATETIME(6)   NOT NULL COMMENT 'UTC',
  finished_at        DATETIME(6)   NULL COMMENT 'UTC',
  version            BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  INDEX ix_bundle_import_due (state, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE bundle_import_vm (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  import_id        BIGINT        NOT NULL,
  source_order_id  BIGINT        NOT NULL,
  vm_name          VARCHAR(63)   NOT NULL,
  project_name     VARCHAR(200)  NULL,
  image_code       VARCHAR(63)   NOT NULL,
  size_code        VARCHAR(63)   NOT NULL,
  public_address   BOOLEAN       NOT NULL,
  disk_path        VARCHAR(255)  NULL COMMENT 'the disk inside the bundle',
  disk_url         VARCHAR(2000) NULL COMMENT 'or where the exporting Federa serves it',
  disk_sha256      VARCHAR(64)   NULL,
  disk_bytes       BIGINT        NULL,
  state            VARCHAR(12)   NOT NULL COMMENT 'WAITING, STAGED, ORDERED, RUNNING, FAILED, SKIPPED',
  bytes_done       BIGINT        NOT NULL DEFAULT 0,
  order_id         BIGINT        NULL COMMENT 'the order that recreates it here',
  provider_name    VARCHAR(200)  NULL,
  reason           VARCHAR(1000) NULL,
  updated_at       DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_bundle_import_vm (import_id, id),
  CONSTRAINT fk_bundle_import_vm FOREIGN KEY (import_id) REFERENCES bundle_import (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A VM made from an imported disk: the provider downloads the disk from this address (Federa's
-- signed link) into an image of the tenant, and the VM boots from that image.
ALTER TABLE vm_order
  ADD COLUMN import_disk_url VARCHAR(2000) NULL COMMENT 'an imported disk the VM boots from',
  ADD COLUMN import_image_id INT NULL COMMENT 'its image at the provider';

-- A closed organisation keeps its VAT id (its invoices name it) but no longer holds it: the same
-- organisation may come back (onboarding, or an import of its bundle).
ALTER TABLE tenant
  ADD COLUMN open_vat_id VARCHAR(20) AS (IF(closed_at IS NULL, vat_id, NULL)) PERSISTENT,
  DROP INDEX uk_tenant_vat,
  ADD CONSTRAINT uk_tenant_open_vat UNIQUE (open_vat_id);
