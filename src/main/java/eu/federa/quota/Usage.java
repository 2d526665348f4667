package eu.federa.quota;

import java.io.Serializable;

/**
 * An amount of the resources quotas limit: what one order needs, or what a tenant holds.
 *
 * @param vms virtual machines (an AI endpoint's replicas count here too)
 */
public record Usage(int vcpu, long memoryMib, int gpus, int vms, int diskGib, int aiEndpoints)
    implements Serializable {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0);

  public Usage {
    if (vcpu < 0 || memoryMib < 0 || gpus < 0 || vms < 0 || diskGib < 0 || aiEndpoints < 0) {
      throw new IllegalArgumentException("Usage cannot be negative");
    }
  }

  /** One VM of this size. */
  public static Usage ofVm(int vcpu, long memoryMib, int diskGib, int gpus) {
    return new Usage(vcpu, memoryMib, gpus, 1, diskGib, 0);
  }

  public Usage plus(Usage other) {
    return new Usage(
        vcpu + other.vcpu,
        memoryMib + other.memoryMib,
        gpus + other.gpus,
        vms + other.vms,
        diskGib + other.diskGib,
        aiEndpoints + other.aiEndpoints);
  }
}
