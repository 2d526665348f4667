package eu.federa.cloud;

import java.util.List;

/**
 * A virtual network of a provider; {@code usedLeases} IPs are handed out.
 *
 * @param ownerId the OpenNebula user owning it (a reservation belongs to the user who made it)
 * @param groupId the OpenNebula group it belongs to
 * @param parentId the network it was reserved from, or -1 for a network of its own
 * @param size how many addresses its address ranges hold in all
 * @param securityGroups the security groups its NICs get (its template's SECURITY_GROUPS)
 */
public record VirtualNetwork(
    int id,
    String name,
    int clusterCount,
    int usedLeases,
    int ownerId,
    int groupId,
    int parentId,
    int size,
    List<Integer> securityGroups) {

  public VirtualNetwork {
    securityGroups = List.copyOf(securityGroups);
  }

  /** A network known only by its id, name and usage (as listings were read before). */
  public VirtualNetwork(int id, String name, int clusterCount, int usedLeases) {
    this(id, name, clusterCount, usedLeases, -1, -1, -1, 0, List.of());
  }

  /** Whether it is a reservation taken from another network. */
  public boolean reservation() {
    return parentId >= 0;
  }

  /** Addresses not handed out yet. */
  public int freeLeases() {
    return Math.max(0, size - usedLeases);
  }
}
