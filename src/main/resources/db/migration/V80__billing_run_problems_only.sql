-- Issue #19 (every page in the reader's language): a finished billing run's result was kept as
-- English text ("3 invoices from 120 usage records; not priced: ..."), shown as it was to every
-- platform admin. The page now writes the counts (kept in tenants_done and records) in the
-- reader's language, and the column keeps only what could not be priced, or nothing. A failed
-- run keeps its error as before.
UPDATE billing_run
   SET result = CASE
         WHEN LOCATE('; not priced: ', result) > 0
           THEN SUBSTRING(result, LOCATE('; not priced: ', result) + CHAR_LENGTH('; not priced: '))
         ELSE NULL
       END
 WHERE state = 'DONE';
