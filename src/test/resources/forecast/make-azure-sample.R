# Writes azure-v1-hourly-cpu.csv.gz, the public utilisation trace ForecastAccuracyTest scores the
# forecast on (docs/performance.md, "Forecasts").
#
# Source: Azure Public Dataset V1 (Microsoft, https://github.com/Azure/AzurePublicDataset,
# AzurePublicDatasetV1.md), licensed CC BY 4.0: the average CPU utilisation of first-party Azure
# VMs in one region, one reading every five minutes over 30 days. The 100 VMs are the sample
# the R package DataCenterSim (https://github.com/carlonlv/DataCenterSim, data/microsoft_avg_100.rda)
# took from it: 8,004 consecutive readings each, no gaps.
#
# Run with R (Debian's r-base-core) beside a copy of microsoft_avg_100.rda:
#   Rscript make-azure-sample.R
# Each output line is one VM: its number in the sample, then its hourly means (each the mean of
# twelve consecutive five-minute readings, in percent, three decimals), oldest first.
load("microsoft_avg_100.rda")
readings <- as.matrix(microsoft_avg_100)
hours <- nrow(readings) %/% 12
out <- gzfile("azure-v1-hourly-cpu.csv.gz", "w")
writeLines(sprintf("# Azure Public Dataset V1 (CC BY 4.0), %d VMs, %d hourly means of CPU %%", ncol(readings), hours), out)
for (vm in seq_len(ncol(readings))) {
  r <- readings[seq_len(hours * 12), vm]
  means <- colMeans(matrix(r, nrow = 12))
  writeLines(paste(c(vm, sprintf("%.3f", means)), collapse = ","), out)
}
close(out)
