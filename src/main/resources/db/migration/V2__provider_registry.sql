-- Providers of the federation and their inventory, as synchronised from each OpenNebula front-end.
CREATE TABLE provider (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  name             VARCHAR(100)  NOT NULL,
  legal_entity     VARCHAR(200)  NOT NULL,
  country_code     CHAR(2)       NOT NULL,
  city             VARCHAR(100)  NOT NULL,
  latitude         DECIMAL(9, 6) NOT NULL,
  longitude        DECIMAL(9, 6) NOT NULL,
  jurisdiction     VARCHAR(100)  NOT NULL,
  certifications   VARCHAR(500)  NOT NULL DEFAULT '' COMMENT 'semicolon-separated',
  endpoint_url     VARCHAR(500)  NOT NULL,
  api_username     VARCHAR(100)  NOT NULL,
  api_secret       VARCHAR(500)  NOT NULL COMMENT 'never shown back, never logged',
  enabled          BOOLEAN       NOT NULL,
  edge_site        BOOLEAN       NOT NULL,
  notes            VARCHAR(2000) NULL,
  created_at       DATETIME(6)   NOT NULL COMMENT 'UTC',
  version          BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_provider_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Health of each provider, written by the inventory sync; next_sync_at is how nodes share the work
-- (claimed with SELECT ... FOR UPDATE SKIP LOCKED).
CREATE TABLE provider_status (
  provider_id          BIGINT       NOT NULL,
  reachable            BOOLEAN      NOT NULL DEFAULT FALSE,
  api_version          VARCHAR(50)  NULL,
  last_sync_at         DATETIME(6)  NULL COMMENT 'UTC, last successful sync',
  last_attempt_at      DATETIME(6)  NULL COMMENT 'UTC',
  last_error           VARCHAR(500) NULL,
  latency_ms           INT          NULL,
  circuit              VARCHAR(20)  NOT NULL DEFAULT 'CLOSED',
  consecutive_failures INT          NOT NULL DEFAULT 0,
  next_sync_at         DATETIME(6)  NOT NULL COMMENT 'UTC',
  PRIMARY KEY (provider_id),
  CONSTRAINT fk_status_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  INDEX ix_status_next_sync (next_sync_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE provider_cluster (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  provider_id    BIGINT       NOT NULL,
  one_cluster_id INT          NOT NULL,
  name           VARCHAR(255) NOT NULL,
  host_count     INT          NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_cluster UNIQUE (provider_id, one_cluster_id),
  CONSTRAINT fk_cluster_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE provider_host (
  id                    BIGINT       NOT NULL AUTO_INCREMENT,
  provider_id           BIGINT       NOT NULL,
  one_host_id           INT          NOT NULL,
  name                  VARCHAR(255) NOT NULL,
  state_code            INT          NOT NULL,
  state_name            VARCHAR(40)  NOT NULL,
  one_cluster_id        INT          NOT NULL,
  cluster_name          VARCHAR(255) NOT NULL,
  max_cpu_percent       BIGINT       NOT NULL,
  allocated_cpu_percent BIGINT       NOT NULL,
  max_memory_kib        BIGINT       NOT NULL,
  allocated_memory_kib  BIGINT       NOT NULL,
  free_disk_mib         BIGINT       NOT NULL,
  running_vms           INT          NOT NULL,
  gpu_total             INT          NOT NULL,
  gpu_free              INT          NOT NULL,
  synced_at             DATETIME(6)  NOT NULL COMMENT 'UTC',
  version               BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_host UNIQUE (provider_id, one_host_id),
  CONSTRAINT fk_host_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE provider_host_gpu (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  provider_host_id BIGINT       NOT NULL,
  short_address    VARCHAR(20)  NOT NULL,
  vendor           VARCHAR(8)   NOT NULL,
  device           VARCHAR(8)   NOT NULL,
  device_class     VARCHAR(8)   NOT NULL,
  device_name      VARCHAR(255) NOT NULL,
  vm_id            INT          NOT NULL COMMENT '-1 while free',
  PRIMARY KEY (id),
  CONSTRAINT fk_gpu_host FOREIGN KEY (provider_host_id) REFERENCES provider_host (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
