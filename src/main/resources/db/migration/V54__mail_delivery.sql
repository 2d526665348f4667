-- Issue #18: the outbox is delivered to a mail server (SMTP), at most once per message.
-- Messages written before (or while no mail server is set) are KEPT: never sent later.
ALTER TABLE outbox_message
  ADD COLUMN delivery        VARCHAR(12)  NOT NULL DEFAULT 'KEPT'
    COMMENT 'KEPT (no mail server), QUEUED, SENDING, SENT, FAILED, UNCONFIRMED',
  ADD COLUMN attempts        INT          NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at DATETIME(6)  NULL COMMENT 'UTC',
  ADD COLUMN lease_until     DATETIME(6)  NULL COMMENT 'UTC: a node is sending it until then',
  ADD COLUMN delivered_at    DATETIME(6)  NULL COMMENT 'UTC: the mail server took it',
  ADD COLUMN last_error      VARCHAR(500) NULL,
  ADD INDEX ix_outbox_delivery (delivery, next_attempt_at);
