package eu.federa.cloud;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a new VM is to have, in Federa's terms: its size, its GPUs and the attributes its appliance
 * reads (the AI model, the dataset). Only {@code cloud} turns it into a provider's template text
 * ({@link #templateText()}).
 *
 * @param gpuClass the GPUs' PCI class, or null for a data-centre GPU ({@link
 *     PciDevice#CLASS_3D_CONTROLLER})
 * @param attributes appliance attributes by name ({@code FEDERA_...}), in the order given
 */
public record VmShape(
    int vcpu, long memoryMib, int gpus, String gpuClass, Map<String, String> attributes) {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  public VmShape {
    if (vcpu < 1 || memoryMib < 1 || gpus < 0) {
      throw new IllegalArgumentException("A VM needs a vCPU, memory and no negative GPUs");
    }
    for (String name : attributes.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("Not a template attribute name: " + name);
      }
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** A VM of this size with no GPU and no appliance attributes. */
  public static VmShape of(int vcpu, long memoryMib) {
    return new VmShape(vcpu, memoryMib, 0, null, Map.of());
  }

  /**
   * The OpenNebula template attributes: CPU share and vCPUs, memory, the appliance's attributes,
   * one PCI request per GPU. Values are written as quoted strings without the characters that could
   * end the string or the line.
   */
  public String templateText() {
    StringBuilder t = new StringBuilder();
    attribute(t, "CPU", Integer.toString(vcpu));
    attribute(t, "VCPU", Integer.toString(vcpu));
    attribute(t, "MEMORY", Long.toString(memoryMib));
    attributes.forEach((name, value) -> attribute(t, name, value));
    String pciClass = gpuClass == null ? PciDevice.CLASS_3D_CONTROLLER : gpuClass;
    for (int g = 0; g < gpus; g++) {
      t.append("PCI = [ CLASS = \"").append(quoted(pciClass)).append("\" ]\n");
    }
    return t.toString();
  }

  private static void attribute(StringBuilder t, String name, String value) {
    t.append(name).append(" = \"").append(quoted(value)).append("\"\n");
  }

  /** A value as it may stand between double quotes in a template. */
  public static String quotedValue(String value) {
    return quoted(value);
  }

  private static String quoted(String value) {
    return value.replaceAll("[\"\\\\\\r\\n]", "");
  }
}
