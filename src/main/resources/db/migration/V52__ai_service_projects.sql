-- Issue #17: an AI service is ordered for a project of the organisation (or for the organisation
-- itself). Its VMs carry the project; a project's notebooks open only for the project's members,
-- and a project's inference endpoints answer only keys held for that project.
ALTER TABLE ai_service
  ADD COLUMN project_id BIGINT NULL COMMENT 'NULL: the organisation''s own' AFTER tenant_id,
  ADD INDEX ix_ai_service_project (tenant_id, project_id);
