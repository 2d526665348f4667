-- Issue #15: project admins. A tenant admin makes members of a project its admins; a project
-- admin asks for and downloads the exports of that project (the Data Act's export, for one
-- project). Rows go with the membership (a member who leaves is nobody's admin any more).
CREATE TABLE project_admin (
  membership_id BIGINT NOT NULL,
  project_id    BIGINT NOT NULL,
  PRIMARY KEY (membership_id, project_id),
  CONSTRAINT fk_project_admin_membership FOREIGN KEY (membership_id)
    REFERENCES tenant_membership (id) ON DELETE CASCADE,
  CONSTRAINT fk_project_admin_project FOREIGN KEY (project_id) REFERENCES project (id)
    ON DELETE CASCADE,
  INDEX ix_project_admin_project (project_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An export of one project (null: of the whole organisation).
ALTER TABLE data_export
  ADD COLUMN project_id BIGINT NULL COMMENT 'the project exported; null: the whole organisation';
