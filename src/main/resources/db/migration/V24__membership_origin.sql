-- Issue #13, finding 4: a membership granted by a rule ends when the rule no longer matches the
-- user at sign-in; memberships from onboarding or an invitation are never touched by rules. So the
-- portal must know how each membership came about.
ALTER TABLE tenant_membership
  ADD COLUMN granted_by VARCHAR(20) NOT NULL DEFAULT 'INVITATION'
    COMMENT 'ONBOARDING, INVITATION or RULE: only RULE memberships end with their rule';

UPDATE tenant_membership m
  JOIN onboarding_request r ON r.tenant_id = m.tenant_id AND r.requester_subject = m.user_subject
  SET m.granted_by = 'ONBOARDING';

-- Before this column, the audit log was the only record of a rule's grant.
UPDATE tenant_membership m
  SET m.granted_by = 'RULE'
  WHERE m.granted_by = 'INVITATION'
    AND EXISTS (SELECT 1 FROM audit_event a
                WHERE a.action = 'MEMBERSHIP_BY_RULE' AND a.outcome = 'SUCCESS'
                  AND a.tenant_id = m.tenant_id AND a.actor_subject = m.user_subject);

-- The default stays: a membership written without saying how is never a rule's to end.
