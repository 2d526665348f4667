package eu.federa.cloud;

import java.util.List;

/**
 * A provider's security group: the traffic its rules let through to and from the NICs that carry
 * it.
 *
 * @param rules the group's rules as the provider stores them
 * @param outdatedVms VMs whose firewall does not reflect the rules yet (OpenNebula's OUTDATED_VMS
 *     and UPDATING_VMS)
 * @param errorVms VMs whose firewall could not be updated
 */
public record SecurityGroup(
    int id,
    String name,
    int ownerId,
    int groupId,
    List<SecurityGroupRule> rules,
    List<Integer> outdatedVms,
    List<Integer> errorVms) {

  public SecurityGroup {
    rules = List.copyOf(rules);
    outdatedVms = List.copyOf(outdatedVms);
    errorVms = List.copyOf(errorVms);
  }
}
