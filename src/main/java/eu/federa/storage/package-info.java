/**
 * Volumes: a project's extra disks at a provider, made as persistent datablock images, hot-plugged
 * into its VMs and kept when detached; counted in the disk quota and billed per GiB-month. And
 * snapshots of a VM's disk: taken, restored and deleted, limited per project, billed likewise.
 */
@Capability(
    uses = {"audit", "billing", "cloud", "platform", "quota", "tenancy"},
    tables = {"disk_snapshot", "volume"})
package eu.federa.storage;

import eu.federa.platform.Capability;
