-- Issue #20: each host's CPU utilisation forecast for the next 24 hours (hourly, with a 95 %
-- prediction interval), refitted from its hourly history every FEDERA_FORECAST_INTERVAL_SECONDS by
-- the inventory sync that holds the provider's claim. The 24 hours' highest upper bound is kept on
-- the host, where placement reads it with the inventory.
CREATE TABLE host_forecast (
  provider_id  BIGINT   NOT NULL,
  one_host_id  INT      NOT NULL,
  hour         DATETIME NOT NULL COMMENT 'UTC; the start of the hour forecast',
  cpu_percent  DOUBLE   NOT NULL,
  cpu_low      DOUBLE   NOT NULL COMMENT 'lower bound of the 95 % prediction interval',
  cpu_high     DOUBLE   NOT NULL COMMENT 'upper bound of the 95 % prediction interval',
  PRIMARY KEY (provider_id, one_host_id, hour),
  CONSTRAINT fk_host_forecast_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE provider_host
  ADD COLUMN forecast_peak_cpu_percent DOUBLE NULL COMMENT 'the next 24 hours'' highest upper bound; NULL: no forecast',
  ADD COLUMN forecast_made_at DATETIME(6) NULL;

ALTER TABLE provider_status
  ADD COLUMN forecast_next_at DATETIME(6) NULL COMMENT 'UTC; when the hosts'' forecasts are refitted next (NULL: now)';
