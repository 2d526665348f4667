package eu.federa.cloud;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VM template of a provider, with the attributes Federa reads (the rest in {@code attributes}).
 *
 * @param disks each DISK vector's attributes (IMAGE_ID, or IMAGE with IMAGE_UNAME, ...)
 * @param nics each NIC vector's attributes (NETWORK_ID, or NETWORK with NETWORK_UNAME, ...)
 * @param context the CONTEXT vector's attributes, what the VM's contextualisation reads (empty:
 *     none); a VM that is given its own CONTEXT loses these unless it repeats them
 */
public record Template(
    int id,
    String name,
    double cpu,
    int vcpu,
    long memoryMib,
    Map<String, String> attributes,
    List<Map<String, String>> disks,
    List<Map<String, String>> nics,
    Map<String, String> context) {

  public Template {
    context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    attributes = Map.copyOf(attributes);
    disks = disks.stream().map(Map::copyOf).toList();
    nics = nics.stream().map(Map::copyOf).toList();
  }
}
