-- The VM catalog: images and sizes offered across the federation, and which provider template
-- stands behind an image at each provider.
CREATE TABLE catalog_image (
  code          VARCHAR(60)   NOT NULL,
  os_name       VARCHAR(100)  NOT NULL,
  os_version    VARCHAR(40)   NOT NULL,
  architecture  VARCHAR(20)   NOT NULL,
  position      INT           NOT NULL,
  PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE catalog_image_offer (
  image_code      VARCHAR(60) NOT NULL,
  provider_id     BIGINT      NOT NULL,
  one_template_id INT         NOT NULL COMMENT 'the provider''s VM template instantiated for it',
  PRIMARY KEY (image_code, provider_id),
  CONSTRAINT fk_offer_image FOREIGN KEY (image_code) REFERENCES catalog_image (code) ON DELETE CASCADE,
  CONSTRAINT fk_offer_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE catalog_size (
  code          VARCHAR(40)   NOT NULL,
  name          VARCHAR(100)  NOT NULL,
  position      INT           NOT NULL,
  vcpu          INT           NOT NULL,
  memory_mib    BIGINT        NOT NULL,
  disk_gib      INT           NOT NULL,
  gpus          INT           NOT NULL DEFAULT 0,
  gpu_class     VARCHAR(4)    NULL COMMENT 'PCI class, 0302 = 3D controller (data-centre GPU)',
  gpu_model     VARCHAR(60)   NULL COMMENT 'part of the device name, e.g. H100',
  PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO catalog_image (code, os_name, os_version, architecture, position) VALUES
  ('ubuntu-24.04', 'Ubuntu', '24.04 LTS', 'x86_64', 1),
  ('debian-12',    'Debian', '12',        'x86_64', 2);

INSERT INTO catalog_size (code, name, position, vcpu, memory_mib, disk_gib, gpus, gpu_class, gpu_model) VALUES
  ('s-2',       'Small (2 vCPU, 4 GiB)',             1,  2,   4096,  20, 0, NULL, NULL),
  ('m-4',       'Medium (4 vCPU, 16 GiB)',           2,  4,  16384,  50, 0, NULL, NULL),
  ('l-16',      'Large (16 vCPU, 64 GiB)',           3, 16,  65536, 200, 0, NULL, NULL),
  ('gpu-h100',  'GPU H100 (16 vCPU, 128 GiB, 1 H100)', 4, 16, 131072, 200, 1, '0302', 'H100'),
  ('gpu-l40s',  'GPU L40S (8 vCPU, 64 GiB, 1 L40S)',   5,  8,  65536, 100, 1, '0302', 'L40S');

-- What each order holds of its tenant's quota, one row per order: RESERVED from the order until
-- the resource runs, then IN_USE until it is terminated (the row is deleted) or fails (deleted).
-- Usage is the sum of these rows, so no counter can drift from the orders behind it.
CREATE TABLE quota_reservation (
  order_ref     VARCHAR(100)  NOT NULL,
  tenant_id     BIGINT        NOT NULL,
  state         VARCHAR(20)   NOT NULL,
  vcpu          INT           NOT NULL,
  memory_mib    BIGINT        NOT NULL,
  gpus          INT           NOT NULL,
  vms           INT           NOT NULL,
  disk_gib      INT           NOT NULL,
  ai_endpoints  INT           NOT NULL,
  created_at    DATETIME(6)   NOT NULL COMMENT 'UTC',
  updated_at    DATETIME(6)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (order_ref),
  INDEX ix_reservation_tenant (tenant_id),
  CONSTRAINT fk_reservation_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An ordered VM and its life: the order is written first, then a saga moves it on from this row
-- (RESERVED -> DEPLOYING -> RUNNING, or COMPENSATING -> FAILED). Any node may take a due row:
-- next_step_at is the lease, taken with SELECT ... FOR UPDATE SKIP LOCKED.
CREATE TABLE vm_order (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id       BIGINT        NOT NULL,
  project_id      BIGINT        NULL,
  requested_by    VARCHAR(255)  NOT NULL,
  idempotency_key VARCHAR(64)   NOT NULL,
  name            VARCHAR(63)   NOT NULL,
  image_code      VARCHAR(60)   NOT NULL,
  size_code       VARCHAR(40)   NOT NULL,
  vcpu            INT           NOT NULL,
  memory_mib      BIGINT        NOT NULL,
  disk_gib        INT           NOT NULL,
  gpus            INT           NOT NULL,
  gpu_class       VARCHAR(4)    NULL,
  gpu_model       VARCHAR(60)   NULL,
  countries       VARCHAR(200)  NOT NULL DEFAULT '' COMMENT 'allowed, comma-separated; empty: tenant residency',
  state           VARCHAR(20)   NOT NULL,
  failure_reason  VARCHAR(1000) NULL,
  provider_id     BIGINT        NULL,
  provider_name   VARCHAR(200)  NULL,
  country_code    VARCHAR(2)    NULL,
  host_id         BIGINT        NULL,
  host_name       VARCHAR(255)  NULL,
  template_id     INT           NULL,
  one_vm_id       INT           NULL,
  one_state       VARCHAR(60)   NULL COMMENT 'as OpenNebula last reported it',
  ip_address      VARCHAR(60)   NULL,
  explanation     TEXT          NULL COMMENT 'the placement explanation shown before confirming',
  attempts        INT           NOT NULL DEFAULT 0,
  next_step_at    DATETIME(6)   NULL COMMENT 'UTC; NULL when nothing is to be done',
  created_at      DATETIME(6)   NOT NULL COMMENT 'UTC',
  updated_at      DATETIME(6)   NOT NULL COMMENT 'UTC',
  running_since   DATETIME(6)   NULL COMMENT 'UTC',
  ended_at        DATETIME(6)   NULL COMMENT 'UTC',
  version         BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_order_idempotency UNIQUE (tenant_id, idempotency_key),
  INDEX ix_order_due (next_step_at),
  INDEX ix_order_tenant (tenant_id, created_at),
  CONSTRAINT fk_order_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
