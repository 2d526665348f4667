-- Price lists per provider, effective-dated: valid from valid_from (inclusive) until valid_until
-- (exclusive; NULL: until further notice). Lists of one provider never overlap (checked by the
-- service under a lock on the provider's row). Rates in EUR with six decimals; rounding happens on
-- amounts, never on rates.
CREATE TABLE price_list (
  id                         BIGINT         NOT NULL AUTO_INCREMENT,
  provider_id                BIGINT         NOT NULL,
  valid_from                 DATETIME(6)    NOT NULL COMMENT 'UTC',
  valid_until                DATETIME(6)    NULL COMMENT 'UTC, exclusive',
  eur_per_vcpu_hour          DECIMAL(14,6)  NOT NULL,
  eur_per_gib_memory_hour    DECIMAL(14,6)  NOT NULL,
  eur_per_gib_disk_month     DECIMAL(14,6)  NOT NULL COMMENT 'charged running or powered off',
  eur_per_million_tokens_in  DECIMAL(14,6)  NULL,
  eur_per_million_tokens_out DECIMAL(14,6)  NULL,
  created_by                 VARCHAR(255)   NOT NULL,
  created_at                 DATETIME(6)    NOT NULL COMMENT 'UTC',
  PRIMARY KEY (id),
  INDEX ix_price_provider (provider_id, valid_from),
  CONSTRAINT fk_price_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- GPU-hour rates of a price list, per GPU model (matched as part of the device name, e.g. H100).
CREATE TABLE price_list_gpu (
  price_list_id     BIGINT        NOT NULL,
  gpu_model         VARCHAR(60)   NOT NULL,
  eur_per_gpu_hour  DECIMAL(14,6) NOT NULL,
  PRIMARY KEY (price_list_id, gpu_model),
  CONSTRAINT fk_price_gpu_list FOREIGN KEY (price_list_id) REFERENCES price_list (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
