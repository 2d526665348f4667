-- The portal's own record of each user who signed in through Keycloak.
CREATE TABLE portal_user (
  id                  BIGINT       NOT NULL AUTO_INCREMENT,
  subject             VARCHAR(255) NOT NULL,
  username            VARCHAR(255) NOT NULL,
  email               VARCHAR(320) NULL,
  display_name        VARCHAR(255) NOT NULL,
  identity_provider   VARCHAR(100) NULL,
  preferred_locale    VARCHAR(35)  NULL,
  first_sign_in_at    DATETIME(6)  NOT NULL COMMENT 'UTC',
  last_sign_in_at     DATETIME(6)  NOT NULL COMMENT 'UTC',
  previous_sign_in_at DATETIME(6)  NULL     COMMENT 'UTC',
  version             BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_portal_user_subject UNIQUE (subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
