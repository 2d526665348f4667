-- Issue #19: a team's members are listed a page at a time by name, sorted by the database; the name
-- shown (a person's display name, a service account's name) is kept with each membership, written
-- when it is made and again at each of the person's sign-ins (a name changed at the identity
-- provider follows). Erased with the membership.
ALTER TABLE tenant_membership
  ADD COLUMN member_name VARCHAR(255) NULL COMMENT 'the name shown; NULL until known (then the subject)';

UPDATE tenant_membership m JOIN portal_user u ON u.subject = m.user_subject
  SET m.member_name = u.display_name;
UPDATE tenant_membership m JOIN service_account s ON s.subject = m.user_subject
  SET m.member_name = s.name;

CREATE INDEX ix_membership_tenant_name ON tenant_membership (tenant_id, member_name);
