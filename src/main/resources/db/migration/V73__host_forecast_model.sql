-- Issue #20: each host's fitted forecast model, so that the hourly refresh takes in the new hours
-- (an update per hour and host) instead of fitting anew; the parameters are chosen again from the
-- history once a day. The model is HoltWinters.encode's bytes (level, trend, seasons, parameters,
-- the errors behind its interval; about 1.6 kB with a day and a week as seasons).
CREATE TABLE host_forecast_model (
  provider_id   BIGINT      NOT NULL,
  one_host_id   INT         NOT NULL COMMENT 'the host id at the provider',
  fitted_at     DATETIME(6) NOT NULL COMMENT 'UTC: when its parameters were chosen from the history',
  through_hour  DATETIME(6) NOT NULL COMMENT 'UTC: the first hour it has not taken in',
  model         BLOB        NOT NULL,
  PRIMARY KEY (provider_id, one_host_id),
  CONSTRAINT fk_host_forecast_model_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
