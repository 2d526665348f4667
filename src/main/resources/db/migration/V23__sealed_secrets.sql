-- Providers' API passwords and tenants' agent passwords are stored sealed (AES-256-GCM, keys in
-- FEDERA_SECRET_KEYS, never in the database): a sealed value is longer than the plain one. Plain
-- values left from before are sealed at the next start (SecretRotation).
ALTER TABLE provider MODIFY api_secret VARCHAR(1000) NOT NULL COMMENT 'sealed; never shown';
ALTER TABLE provider_tenant_account MODIFY user_secret VARCHAR(300) NOT NULL COMMENT 'sealed; never shown to users';
