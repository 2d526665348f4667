-- Issue #19 (every page in the reader's language): why an export bundle waits or failed was kept as
-- English text and shown as it was on every language's exports page. It is now kept as a message
-- key with its values (eu.federa.platform.text.Reason, the values after the unit separator), read
-- in each reader's language. The three texts the portal ever wrote become their keys.
UPDATE data_export
   SET reason = 'export.reason.waitingForMove'
 WHERE reason = 'Waiting for a VM to finish its move to another provider.';

UPDATE data_export
   SET reason = 'export.reason.nodeStopped'
 WHERE reason = 'The node writing it stopped before it was done.';

UPDATE data_export
   SET reason = LEFT(CONCAT('export.reason.notWritten', CHAR(31),
                            SUBSTRING(reason, CHAR_LENGTH('The bundle could not be written: ') + 1)),
                     1000)
 WHERE reason LIKE 'The bundle could not be written: %';
