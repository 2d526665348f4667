package eu.federa.cloud;

/**
 * What Federa asks a provider to do with a VM, in its own words; {@code cloud} turns it into the
 * provider's action (for OpenNebula: poweroff, resume, reboot, terminate-hard).
 */
public enum PowerAction {
  POWER_OFF,
  POWER_ON,
  REBOOT,
  TERMINATE
}
