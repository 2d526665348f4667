-- Issue #20: the use of the GPUs VMs hold, apart from the host's mean over all its GPUs (where a
-- free GPU counts nothing). Kept as sums over GPUs (each held GPU whose VM reported adds its use
-- and one to the count) so that any span's figure, for a host or a whole provider, is the sum over
-- the count: a VM's energy estimate takes its host's last day, an invoice its providers' month.
-- Points written before this have a count of 0: no figure (the default use is assumed) until the
-- next ones come in.
ALTER TABLE host_utilisation
  ADD COLUMN gpu_held_use_sum DOUBLE NOT NULL DEFAULT 0 COMMENT 'sum over held GPUs and reads of their use, percent',
  ADD COLUMN gpu_held_count   INT    NOT NULL DEFAULT 0 COMMENT 'how many held GPUs and reads the sum has';

ALTER TABLE host_utilisation_hourly
  ADD COLUMN gpu_held_use_sum DOUBLE NOT NULL DEFAULT 0 COMMENT 'the five-minute points'' sums added up',
  ADD COLUMN gpu_held_count   INT    NOT NULL DEFAULT 0 COMMENT '0: no GPU held and reported in the hour';
