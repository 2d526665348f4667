package eu.federa.cloud;

import java.util.Locale;

/**
 * One rule of a provider's security group, in OpenNebula's terms ({@code RULE = [ PROTOCOL,
 * RULE_TYPE, RANGE, IP, SIZE ]}).
 *
 * @param protocol TCP, UDP, ICMP, ICMPV6, IPSEC or ALL
 * @param inbound true for traffic to the VM, false for traffic from it
 * @param portRange "22" or "1000:2000" (TCP and UDP only), or null for every port
 * @param ip the first address of the source (inbound) or target (outbound), or null for any
 * @param size how many addresses from {@code ip}; ignored without it
 */
public record SecurityGroupRule(
    String protocol, boolean inbound, String portRange, String ip, long size) {

  public SecurityGroupRule {
    protocol = protocol.toUpperCase(Locale.ROOT);
  }

  /** Everything out of the VM: what Federa's groups allow besides their inbound rules. */
  public static SecurityGroupRule allOutbound() {
    return new SecurityGroupRule("ALL", false, null, null, 0);
  }

  /** The rule's vector as a template attribute; values hold digits, dots and colons only. */
  public String templateText() {
    StringBuilder t =
        new StringBuilder("RULE = [ PROTOCOL = \"")
            .append(protocol)
            .append("\", RULE_TYPE = \"")
            .append(inbound ? "inbound" : "outbound")
            .append('"');
    if (portRange != null) {
      t.append(", RANGE = \"").append(portRange).append('"');
    }
    if (ip != null) {
      t.append(", IP = \"").append(ip).append("\", SIZE = \"").append(size).append('"');
    }
    return t.append(" ]\n").toString();
  }
}
