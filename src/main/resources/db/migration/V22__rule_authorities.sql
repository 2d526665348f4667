-- A domain or group rule names the identity providers whose word it takes for that domain or group
-- (comma-separated aliases; "local" for accounts of the portal's own realm). Before, any brokered
-- identity provider could assert a verified address in any domain and join that organisation.
-- Existing rules trust the portal's own accounts only until a platform admin says otherwise.
ALTER TABLE membership_rule
  ADD COLUMN trusted_idps VARCHAR(500) NOT NULL DEFAULT 'local'
    COMMENT 'EMAIL_DOMAIN and GROUP rules: aliases authoritative for the claim; local = own realm'
    AFTER match_value;
