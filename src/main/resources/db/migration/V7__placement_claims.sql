-- Placement claims: capacity Federa has promised to a workload that the provider does not count
-- yet. A claim bumps its host's claim_generation in the same transaction, so two nodes deciding
-- on the same view of a host cannot both take its last slot (the second sees a new generation
-- and decides again).
ALTER TABLE provider_host
  ADD COLUMN claim_generation BIGINT NOT NULL DEFAULT 0;

CREATE TABLE placement_claim (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  order_ref     VARCHAR(100)  NOT NULL COMMENT 'what the capacity is held for',
  instance_no   INT           NOT NULL,
  host_id       BIGINT        NOT NULL,
  provider_id   BIGINT        NOT NULL,
  cores         DECIMAL(10,2) NOT NULL,
  memory_mib    BIGINT        NOT NULL,
  disk_gib      BIGINT        NOT NULL,
  gpu_addresses VARCHAR(500)  NOT NULL DEFAULT '' COMMENT 'PCI short addresses, comma-separated',
  created_at    DATETIME(6)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (id),
  CONSTRAINT uk_claim UNIQUE (order_ref, instance_no),
  CONSTRAINT fk_claim_host FOREIGN KEY (host_id) REFERENCES provider_host (id) ON DELETE CASCADE,
  INDEX ix_claim_host (host_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
