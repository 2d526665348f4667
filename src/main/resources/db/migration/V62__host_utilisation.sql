-- Issue #20: each host's utilisation over time, read from the providers' monitoring
-- (one.hostpool.monitoring) by the inventory sync, as five-minute points kept 14 days and hourly
-- points kept a year. OpenNebula itself keeps hours only: the forecasts need Federa's own history.
CREATE TABLE host_utilisation (
  provider_id         BIGINT   NOT NULL,
  one_host_id         INT      NOT NULL COMMENT 'the host id at the provider',
  at                  DATETIME NOT NULL COMMENT 'UTC; the start of the five minutes',
  cpu_percent_sum     DOUBLE   NOT NULL COMMENT 'the sum over the records taken in: mean = sum / samples',
  memory_percent_sum  DOUBLE   NOT NULL,
  samples             INT      NOT NULL,
  PRIMARY KEY (provider_id, one_host_id, at),
  INDEX ix_host_utilisation_at (provider_id, at),
  CONSTRAINT fk_host_utilisation_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE host_utilisation_hourly (
  provider_id          BIGINT   NOT NULL,
  one_host_id          INT      NOT NULL,
  hour                 DATETIME NOT NULL COMMENT 'UTC; the start of the hour',
  cpu_percent_mean     DOUBLE   NOT NULL,
  cpu_percent_max      DOUBLE   NOT NULL COMMENT 'the highest five-minute mean of the hour',
  memory_percent_mean  DOUBLE   NOT NULL,
  samples              INT      NOT NULL,
  PRIMARY KEY (provider_id, one_host_id, hour),
  INDEX ix_host_utilisation_hourly_hour (provider_id, hour),
  CONSTRAINT fk_host_utilisation_hourly_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE provider_status
  ADD COLUMN monitoring_until DATETIME(6) NULL COMMENT 'UTC; the newest monitoring record taken in',
  ADD COLUMN monitoring_next_at DATETIME(6) NULL COMMENT 'UTC; when the monitoring is read next (NULL: now)';
