-- Why an order failed or ended, as a message key with its arguments (separated by U+001F), so that
-- each user reads it in their language; failure_reason keeps the English text for the API and logs.
ALTER TABLE vm_order ADD COLUMN failure_key VARCHAR(1000) NULL AFTER failure_reason;
