-- Issue #20: a host's own power model (idle and fully busy watts), where a platform admin set one;
-- a host without a row draws its provider's model, or its hardware class's default. Kept apart
-- from provider_host (which the inventory sync rewrites every interval) and by the provider's host
-- id, so that a host that leaves the inventory and comes back keeps it.
CREATE TABLE host_power (
  provider_id  BIGINT       NOT NULL,
  one_host_id  INT          NOT NULL COMMENT 'the host id at the provider',
  idle_watts   INT          NOT NULL,
  full_watts   INT          NOT NULL,
  updated_at   DATETIME(6)  NOT NULL COMMENT 'UTC',
  updated_by   VARCHAR(255) NOT NULL,
  PRIMARY KEY (provider_id, one_host_id),
  CONSTRAINT fk_host_power_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
