-- Issue #19 (every page in the reader's language): a provider's last sync error was shown only as
-- its English text. The kind of failure (unreachable, timeout, refused credentials, ...) is now
-- kept beside it, for the provider page to say in the admin's language above the provider's own
-- message. Rows written before stay without a kind until their provider's next sync fails.
ALTER TABLE provider_status
  ADD COLUMN last_error_kind VARCHAR(20) NULL AFTER last_error;
