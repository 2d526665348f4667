-- Issue #19 (mails in the recipient's language and time zone): a mail's language and zone were
-- those chosen by any account with the recipient's address, so an account whose identity provider
-- never verified that address could choose them for its real owner. Each sign-in now records
-- whether the identity provider vouches for the address; only such accounts speak for it. Existing
-- accounts count as unverified until their next sign-in.
ALTER TABLE portal_user
  ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE
    COMMENT 'the identity provider vouched for email at the last sign-in';
