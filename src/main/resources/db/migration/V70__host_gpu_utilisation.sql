-- Issue #20: each GPU host's GPU utilisation beside its CPU and memory. OpenNebula's host
-- monitoring has none; its VMs' monitoring has (GPU_UTILIZATION, OpenNebula 7's KVM probe), and
-- the host's PCI devices say which VM holds which GPU: the sync derives the host's share from both.
ALTER TABLE host_utilisation
  ADD COLUMN gpu_percent_sum DOUBLE NOT NULL DEFAULT 0 COMMENT 'mean = sum / gpu_samples',
  ADD COLUMN gpu_samples     INT    NOT NULL DEFAULT 0 COMMENT '0: no GPU figures for these five minutes';

ALTER TABLE host_utilisation_hourly
  ADD COLUMN gpu_percent_mean DOUBLE NULL COMMENT 'NULL: no GPU figures in the hour',
  ADD COLUMN gpu_percent_max  DOUBLE NULL COMMENT 'the highest five-minute mean of the hour';
