-- Issue #14, defect 5: a VM missing from one provider listing is not gone. An order is marked
-- VANISHED only when one.vm.info by id confirms the VM is DONE or unknown on two passes in a row;
-- missing_passes counts the confirmed passes so far (reset when the VM is seen again).
ALTER TABLE vm_order
  ADD COLUMN missing_passes INT NOT NULL DEFAULT 0 COMMENT 'reconciler passes that confirmed the VM gone';
