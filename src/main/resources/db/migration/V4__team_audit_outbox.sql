-- Team management (projects, invitations, membership rules), disabled users, the audit log and the
-- outbox of messages the portal sends.

ALTER TABLE portal_user
  ADD COLUMN disabled_at DATETIME(6) NULL COMMENT 'UTC; set while a platform admin has disabled the user',
  ADD COLUMN disabled_by VARCHAR(255) NULL;

CREATE TABLE project (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id   BIGINT       NOT NULL,
  name        VARCHAR(100) NOT NULL,
  description VARCHAR(500) NULL,
  created_at  DATETIME(6)  NOT NULL COMMENT 'UTC',
  version     BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_project_name UNIQUE (tenant_id, name),
  CONSTRAINT fk_project_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE project_member (
  membership_id BIGINT NOT NULL,
  project_id    BIGINT NOT NULL,
  PRIMARY KEY (membership_id, project_id),
  CONSTRAINT fk_project_member_membership FOREIGN KEY (membership_id) REFERENCES tenant_membership (id) ON DELETE CASCADE,
  CONSTRAINT fk_project_member_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Only the SHA-256 of an invitation token is stored: a database dump does not hold usable links.
CREATE TABLE invitation (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id   BIGINT       NOT NULL,
  email       VARCHAR(320) NOT NULL,
  role        VARCHAR(20)  NOT NULL,
  token_hash  CHAR(64)     NOT NULL,
  status      VARCHAR(20)  NOT NULL,
  invited_by  VARCHAR(255) NOT NULL,
  created_at  DATETIME(6)  NOT NULL COMMENT 'UTC',
  expires_at  DATETIME(6)  NOT NULL COMMENT 'UTC',
  decided_at  DATETIME(6)  NULL     COMMENT 'UTC',
  accepted_by VARCHAR(255) NULL,
  version     BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_invitation_token UNIQUE (token_hash),
  CONSTRAINT fk_invitation_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE,
  INDEX ix_invitation_tenant (tenant_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invitation_project (
  invitation_id BIGINT NOT NULL,
  project_id    BIGINT NOT NULL,
  PRIMARY KEY (invitation_id, project_id),
  CONSTRAINT fk_invitation_project_invitation FOREIGN KEY (invitation_id) REFERENCES invitation (id) ON DELETE CASCADE,
  CONSTRAINT fk_invitation_project_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How users of partner identity providers land in a tenant at sign-in.
CREATE TABLE membership_rule (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  kind        VARCHAR(20)  NOT NULL COMMENT 'EMAIL_DOMAIN, IDENTITY_PROVIDER or GROUP',
  match_value VARCHAR(255) NOT NULL,
  tenant_id   BIGINT       NOT NULL,
  role        VARCHAR(20)  NOT NULL,
  created_by  VARCHAR(255) NOT NULL,
  created_at  DATETIME(6)  NOT NULL COMMENT 'UTC',
  PRIMARY KEY (id),
  CONSTRAINT uk_membership_rule UNIQUE (kind, match_value, tenant_id),
  CONSTRAINT fk_membership_rule_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Users removed from (or who left) a tenant: membership rules do not add them back.
CREATE TABLE tenant_departure (
  tenant_id    BIGINT       NOT NULL,
  user_subject VARCHAR(255) NOT NULL,
  departed_at  DATETIME(6)  NOT NULL COMMENT 'UTC',
  PRIMARY KEY (tenant_id, user_subject),
  CONSTRAINT fk_departure_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE outbox_message (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id  BIGINT        NULL,
  recipient  VARCHAR(320)  NOT NULL,
  subject    VARCHAR(200)  NOT NULL,
  body       VARCHAR(4000) NOT NULL,
  created_at DATETIME(6)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (id),
  INDEX ix_outbox_tenant (tenant_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- No foreign keys: the audit trail outlives the tenants and users it mentions.
CREATE TABLE audit_event (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  occurred_at    DATETIME(6)   NOT NULL COMMENT 'UTC',
  actor_subject  VARCHAR(255)  NULL,
  actor_name     VARCHAR(255)  NULL,
  tenant_id      BIGINT        NULL,
  action         VARCHAR(50)   NOT NULL,
  target         VARCHAR(255)  NULL,
  outcome        VARCHAR(20)   NOT NULL,
  client_address VARCHAR(45)   NULL,
  detail         VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  INDEX ix_audit_tenant (tenant_id, occurred_at),
  INDEX ix_audit_time (occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
