-- Issue #15: a tenant's switching or exit (Data Act Art. 25): the request with its timeline, whose
-- deadlines are timers in this table (claimed by any node with SKIP LOCKED; one action per deadline),
-- what the erasure deleted at each provider and in Federa, and the signed erasure record.
ALTER TABLE tenant
  ADD COLUMN orders_frozen_at DATETIME(6) NULL COMMENT 'UTC; no new order while set (the tenant is leaving)',
  ADD COLUMN closed_at        DATETIME(6) NULL COMMENT 'UTC; the tenant left and its data was erased';

ALTER TABLE data_export
  ADD COLUMN keep_until DATETIME(6) NULL COMMENT 'UTC; an exit''s final bundle is kept at least until its retrieval window ends';

CREATE TABLE exit_request (
  id                   BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id            BIGINT        NOT NULL,
  active_tenant_id     BIGINT        NULL COMMENT 'tenant_id until erased or cancelled: one open request per tenant',
  requested_by         VARCHAR(255)  NOT NULL COMMENT 'the subject of the admin who filed it',
  requested_at         DATETIME(6)   NOT NULL,
  destination          VARCHAR(20)   NOT NULL COMMENT 'FEDERATION_PROVIDER, OTHER_CLOUD, ON_PREMISES, ERASE_ONLY',
  destination_note     VARCHAR(200)  NULL,
  export_wanted        BOOLEAN       NOT NULL,
  switching_charge_eur DECIMAL(12,2) NOT NULL COMMENT 'shown before the request was confirmed (Art. 29)',
  phase                VARCHAR(12)   NOT NULL COMMENT 'NOTICE, TRANSITION, RETRIEVAL, ERASING, ERASED, CANCELLED',
  step                 VARCHAR(20)   NULL COMMENT 'within RETRIEVAL and ERASING: what is being done',
  transition_starts_at DATETIME(6)   NOT NULL,
  transition_ends_at   DATETIME(6)   NOT NULL,
  retrieval_ends_at    DATETIME(6)   NOT NULL,
  extended_at          DATETIME(6)   NULL COMMENT 'when the tenant used its one extension',
  justification        VARCHAR(2000) NULL COMMENT 'a platform admin''s reason for a transition longer than the tenant''s',
  justified_by         VARCHAR(255)  NULL,
  final_export_id      BIGINT        NULL,
  next_action_at       DATETIME(6)   NOT NULL COMMENT 'UTC; the next deadline or step',
  step_claim           VARCHAR(36)   NULL,
  step_lease_until     DATETIME(6)   NULL,
  step_attempts        INT           NOT NULL DEFAULT 0,
  reason               VARCHAR(1000) NULL COMMENT 'why the last step must be tried again',
  ended_at             DATETIME(6)   NULL,
  ended_by             VARCHAR(255)  NULL COMMENT 'who cancelled it; system when erased',
  former_admins        VARCHAR(4000) NULL COMMENT 'subjects of its admins when the erasure started, who keep the record',
  version              BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_exit_active UNIQUE (active_tenant_id),
  INDEX ix_exit_tenant (tenant_id, id),
  INDEX ix_exit_due (next_action_at),
  CONSTRAINT fk_exit_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE exit_erasure_item (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  exit_id    BIGINT        NOT NULL,
  place      VARCHAR(120)  NOT NULL COMMENT 'a provider''s name, or Federa',
  object     VARCHAR(300)  NOT NULL COMMENT 'what: an OpenNebula object, or a kind of Federa data',
  outcome    VARCHAR(16)   NOT NULL COMMENT 'DELETED, GONE, FAILED, PSEUDONYMISED, KEPT',
  answer     VARCHAR(1000) NULL COMMENT 'the provider''s answer, or how many records and why kept',
  done_at    DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_erasure_exit (exit_id, id),
  CONSTRAINT fk_erasure_exit FOREIGN KEY (exit_id) REFERENCES exit_request (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE exit_record (
  exit_id     BIGINT        NOT NULL,
  tenant_id   BIGINT        NOT NULL,
  body        MEDIUMTEXT    NOT NULL COMMENT 'the record as signed: UTF-8 JSON',
  sha256      VARCHAR(64)   NOT NULL,
  signature   VARCHAR(200)  NOT NULL COMMENT 'Ed25519 over body, base64',
  key_id      VARCHAR(64)   NOT NULL COMMENT 'SHA-256 of the public key, hex, first 16',
  signed_at   DATETIME(6)   NOT NULL,
  PRIMARY KEY (exit_id),
  INDEX ix_record_tenant (tenant_id),
  CONSTRAINT fk_record_exit FOREIGN KEY (exit_id) REFERENCES exit_request (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
