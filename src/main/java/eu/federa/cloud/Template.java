package eu.federa.cloud;

import java.util.List;
import java.util.Map;

/**
 * A VM template of a provider, with the attributes Federa reads (the rest in {@code attributes}).
 *
 * @param disks each DISK vector's attributes (IMAGE_ID, or IMAGE with IMAGE_UNAME, ...)
 * @param nics each NIC vector's attributes (NETWORK_ID, or NETWORK with NETWORK_UNAME, ...)
 */
public record Template(
    int id,
    String name,
    double cpu,
    int vcpu,
    long memoryMib,
    Map<String, String> attributes,
    List<Map<String, String>> disks,
    List<Map<String, String>> nics) {

  public Template {
    attributes = Map.copyOf(attributes);
    disks = disks.stream().map(Map::copyOf).toList();
    nics = nics.stream().map(Map::copyOf).toList();
  }
}
