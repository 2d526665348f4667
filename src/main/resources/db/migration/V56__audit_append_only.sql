-- Issue #24: the audit trail is append-only and tamper-evident.
--
-- What may name a person (who acted, from which address, and a target or detail that may hold an
-- e-mail address) moves to audit_event_personal, so that a leaving tenant's erasure (Data Act
-- exit, GDPR) rewrites that part alone and never touches the event. audit_event then refuses every
-- UPDATE and DELETE; audit_event_personal refuses DELETE and any UPDATE other than an erasure.
--
-- audit_seal chains the events: each seal holds the SHA-256 of the previous seal's hash, the
-- event's own columns and a digest of its personal part (AuditChain writes and checks them), so
-- that an event removed or altered, even by someone who can drop these triggers, is found by the
-- check. audit_chain_head is the one row the sealer locks: it keeps the chain's end and how far
-- every event is known to be sealed.

CREATE TABLE audit_event_personal (
  event_id       BIGINT        NOT NULL,
  actor_subject  VARCHAR(255)  NULL,
  actor_name     VARCHAR(255)  NULL,
  target         VARCHAR(255)  NULL,
  client_address VARCHAR(45)   NULL,
  detail         VARCHAR(1000) NULL,
  erased_at      DATETIME(6)   NULL COMMENT 'UTC: pseudonymised when its tenant was erased',
  PRIMARY KEY (event_id),
  INDEX ix_audit_personal_actor (actor_subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO audit_event_personal (event_id, actor_subject, actor_name, target, client_address,
                                  detail)
SELECT id, actor_subject, actor_name, target, client_address, detail
FROM audit_event;

ALTER TABLE audit_event
  DROP COLUMN actor_subject,
  DROP COLUMN actor_name,
  DROP COLUMN target,
  DROP COLUMN client_address,
  DROP COLUMN detail,
  ADD INDEX ix_audit_action (action, occurred_at);

CREATE TABLE audit_seal (
  seq             BIGINT   NOT NULL COMMENT '1, 2, 3 ... in the order sealed',
  event_id        BIGINT   NOT NULL,
  personal_sha256 CHAR(64) NOT NULL COMMENT 'digest of the personal part when sealed',
  hash            CHAR(64) NOT NULL COMMENT 'SHA-256 of the previous hash, the event and the digest',
  sealed_at       DATETIME(6) NOT NULL COMMENT 'UTC',
  PRIMARY KEY (seq),
  UNIQUE KEY uq_audit_seal_event (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE audit_chain_head (
  id       TINYINT     NOT NULL,
  seq      BIGINT      NOT NULL COMMENT 'the last seal (0: none yet)',
  hash     CHAR(64)    NOT NULL COMMENT 'its hash (64 zeros: none yet)',
  low_id   BIGINT      NOT NULL COMMENT 'every event with an id up to this one is sealed',
  mark_id  BIGINT      NOT NULL COMMENT 'the highest event id when marked',
  mark_at  DATETIME(6) NOT NULL COMMENT 'UTC; once every transaction of then has ended, low_id may reach mark_id',
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The events already written were committed before this migration: settled from the start.
INSERT INTO audit_chain_head (id, seq, hash, low_id, mark_id, mark_at)
SELECT 1, 0, REPEAT('0', 64), 0, COALESCE(MAX(id), 0), '1970-01-01 00:00:00'
FROM audit_event;

DELIMITER //

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The audit trail is append-only: no UPDATE of audit_event';
END//

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The audit trail is append-only: no DELETE of audit_event';
END//

CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The audit chain is append-only: no UPDATE of audit_seal';
END//

CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The audit chain is append-only: no DELETE of audit_seal';
END//

CREATE TRIGGER audit_personal_erase_only BEFORE UPDATE ON audit_event_personal FOR EACH ROW
BEGIN
  IF OLD.erased_at IS NOT NULL OR NEW.erased_at IS NULL OR NEW.event_id <> OLD.event_id THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The personal part of an audit event changes only when erased, once';
  END IF;
END//

CREATE TRIGGER audit_personal_no_delete BEFORE DELETE ON audit_event_personal FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The audit trail is append-only: no DELETE of audit_event_personal';
END//

DELIMITER ;
