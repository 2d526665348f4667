-- Round-trip times an operator measured from users' sites to providers; they override the
-- placement's distance-based estimate.
CREATE TABLE measured_latency (
  site_name   VARCHAR(100)  NOT NULL,
  provider_id BIGINT        NOT NULL,
  rtt_ms      DECIMAL(8,2)  NOT NULL,
  uploaded_at DATETIME(6)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (site_name, provider_id),
  CONSTRAINT fk_latency_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
