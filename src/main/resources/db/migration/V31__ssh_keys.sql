-- Issue #23: a VM its owner can sign in to. Users keep SSH public keys in their profile; an order
-- picks some, and they reach the VM through OpenNebula's contextualisation.
CREATE TABLE ssh_key (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  user_subject  VARCHAR(255)  NOT NULL COMMENT 'the owner, as portal_user.subject',
  name          VARCHAR(60)   NOT NULL,
  key_type      VARCHAR(60)   NOT NULL,
  key_bits      INT           NOT NULL,
  public_key    TEXT          NOT NULL COMMENT 'one authorized_keys line: type, base64 data, comment',
  fingerprint   VARCHAR(60)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'SHA256:... as ssh-keygen -l shows it',
  created_at    DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_ssh_key_fingerprint (user_subject, fingerprint),
  UNIQUE KEY uq_ssh_key_name (user_subject, name),
  CONSTRAINT fk_ssh_key_user FOREIGN KEY (user_subject) REFERENCES portal_user (subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The keys an order's VM is given (copied at order time: removing a key later does not change
-- what was ordered), and the user that signs in on an image.
ALTER TABLE vm_order
  ADD COLUMN ssh_public_keys TEXT NULL COMMENT 'authorized_keys lines, one per line; NULL: none chosen',
  ADD COLUMN ssh_login_user VARCHAR(32) NULL COMMENT 'the image''s login user when ordered, for the ssh command';
ALTER TABLE catalog_image
  ADD COLUMN login_user VARCHAR(32) NOT NULL DEFAULT 'root' COMMENT 'the account the keys are installed for';

-- Keys of a project, given by its tenant's admins to every VM ordered in it that picks them.
CREATE TABLE project_ssh_key (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  project_id    BIGINT        NOT NULL,
  name          VARCHAR(60)   NOT NULL,
  key_type      VARCHAR(60)   NOT NULL,
  key_bits      INT           NOT NULL,
  public_key    TEXT          NOT NULL,
  fingerprint   VARCHAR(60)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  added_by      VARCHAR(255)  NOT NULL COMMENT 'subject of the admin who added it',
  created_at    DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_project_ssh_key_fingerprint (project_id, fingerprint),
  UNIQUE KEY uq_project_ssh_key_name (project_id, name),
  CONSTRAINT fk_project_ssh_key_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
