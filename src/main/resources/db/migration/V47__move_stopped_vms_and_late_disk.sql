-- Issue #16, continued. A move learns which disk it copies when its turn comes (a plan of
-- thousands of moves asks no provider while it is recorded), and a VM that was stopped moves
-- too: it is checked running at its target, then stopped there again (and stays stopped if the
-- move goes back).
ALTER TABLE vm_move
  MODIFY disk_id INT NULL COMMENT 'the disk copied (null: read from the source when the move starts)',
  MODIFY disk_size_mib BIGINT NOT NULL COMMENT 'its size (the order''s disk until the source tells)',
  ADD COLUMN ends_stopped BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the VM was stopped: it ends stopped, wherever the move leaves it';
