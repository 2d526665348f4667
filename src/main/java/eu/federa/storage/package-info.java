/**
 * Volumes: a project's extra disks at a provider, made as persistent datablock images, hot-plugged
 * into its VMs and kept when detached; counted in the disk quota and billed per GiB-month. And
 * snapshots of a VM's disk: taken, restored and deleted, limited per project, billed likewise. And
 * backups of VMs into their provider's backup datastore: on demand or daily (keeping the last N),
 * kept after the VM ends, billed likewise, and restorable into a new VM (by provisioning).
 */
@Capability(
    uses = {"audit", "billing", "cloud", "platform", "quota", "tenancy"},
    tables = {"backup_schedule", "disk_snapshot", "vm_backup", "volume"})
package eu.federa.storage;

import eu.federa.platform.Capability;
