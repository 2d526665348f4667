-- Issue #23: a VM's console where the provider exposes one. The provider's console page for a VM,
-- with {vmId} standing for the VM's id there; NULL: the provider offers none.
ALTER TABLE provider
  ADD COLUMN console_url VARCHAR(500) NULL COMMENT 'console page of a VM, {vmId} its id; NULL: none';
