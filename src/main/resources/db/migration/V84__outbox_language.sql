-- Issue #19 (language of parts, WCAG 3.1.2): a message is written in its recipient's language,
-- which may not be the language of the admin who reads the outbox. The language is now kept with
-- it, for the outbox pages to mark the subject and body with it. Older messages keep none: their
-- pages mark them in the page's language, as before.
ALTER TABLE outbox_message
  ADD COLUMN language VARCHAR(8) NULL AFTER body;
