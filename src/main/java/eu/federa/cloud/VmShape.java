package eu.federa.cloud;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param sshPublicKeys {@code authorized_keys} lines for the image's user (none: the template's
 *     context is left as it is)
 * @param nics the networks the VM is connected to, replacing the template's NICs (none: the
 *     template's are kept)
 * @param bootImageId the tenant's image the VM boots from, replacing the template's disks (an
 *     imported disk); null: the template's disks
 * @param diskMib the size of its boot disk (0: its image's size); never smaller than the image, the
 *     provider grows the disk to it when the VM is made
 */
public record VmShape(
    int vcpu,
    long memoryMib,
    int gpus,
    String gpuClass,
    Map<String, String> attributes,
    List<String> sshPublicKeys,
    List<Nic> nics,
    Integer bootImageId,
    long diskMib) {

  /** A NIC on a network, behind a security group. */
  public record Nic(int networkId, int securityGroupId) {}

  /** A shape without SSH keys. */
  public VmShape(
      int vcpu, long memoryMib, int gpus, String gpuClass, Map<String, String> attributes) {
    this(vcpu, memoryMib, gpus, gpuClass, attributes, List.of(), List.of(), null, 0);
  }

  /** A shape connected as its template says. */
  public VmShape(
      int vcpu,
      long memoryMib,
      int gpus,
      String gpuClass,
      Map<String, String> attributes,
      List<String> sshPublicKeys) {
    this(vcpu, memoryMib, gpus, gpuClass, attributes, sshPublicKeys, List.of(), null, 0);
  }

  /** This shape, connected to {@code nics} instead of its template's networks. */
  public VmShape connectedTo(List<Nic> nics) {
    return new VmShape(
        vcpu, memoryMib, gpus, gpuClass, attributes, sshPublicKeys, nics, bootImageId, diskMib);
  }

  /** This shape, booting from the image {@code imageId} instead of its template's disks. */
  public VmShape bootingFrom(int imageId) {
    return new VmShape(
        vcpu, memoryMib, gpus, gpuClass, attributes, sshPublicKeys, nics, imageId, diskMib);
  }

  /** This shape with a boot disk of {@code mib} (see {@link #diskMib()}). */
  public VmShape withDiskMib(long mib) {
    return new VmShape(
        vcpu, memoryMib, gpus, gpuClass, attributes, sshPublicKeys, nics, bootImageId, mib);
  }

  /**
   * The template's disks again, the first (the boot disk) grown to {@link #diskMib()} when that is
   * more than {@code bootImageMib}, the size of its image: OpenNebula's merge replaces all of the
   * template's disks with those given at instantiation. Empty when there is nothing to grow (no
   * disk, a boot disk by a booted image of its own, or one already as large).
   */
  public String grownDisksText(List<Map<String, String>> templateDisks, long bootImageMib) {
    if (bootImageId != null || templateDisks.isEmpty() || diskMib <= bootImageMib) {
      return "";
    }
    StringBuilder t = new StringBuilder();
    for (int d = 0; d < templateDisks.size(); d++) {
      Map<String, String> disk = new LinkedHashMap<>(templateDisks.get(d));
      if (d == 0) {
        disk.put("SIZE", Long.toString(diskMib));
      }
      t.append("DISK = [ ");
      int n = 0;
      for (Map.Entry<String, String> e : disk.entrySet()) {
        if (!NAME.matcher(e.getKey()).matches() || e.getValue().endsWith("\\")) {
          continue;
        }
        t.append(n++ == 0 ? "" : ", ")
            .append(e.getKey())
            .append(" = \"")
            .append(quotedAsStored(e.getValue()))
            .append('"');
      }
      t.append(" ]\n");
    }
    return t.toString();
  }

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  /** A key line as identity keeps it: no quote, backslash or line break (it is quoted below). */
  private static final Pattern SSH_KEY_LINE = Pattern.compile("[^\"\\\\\\r\\n]{1,4096}");

  public VmShape {
    if (vcpu < 1 || memoryMib < 1 || gpus < 0 || diskMib < 0) {
      throw new IllegalArgumentException("A VM needs a vCPU, memory and no negative GPUs");
    }
    for (String name : attributes.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("Not a template attribute name: " + name);
      }
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    sshPublicKeys = List.copyOf(sshPublicKeys);
    nics = List.copyOf(nics);
    for (String key : sshPublicKeys) {
      if (!SSH_KEY_LINE.matcher(key).matches()) {
        throw new IllegalArgumentException("Not one authorized_keys line: " + key);
      }
    }
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
    return templateText(Map.of());
  }

  /**
   * {@link #templateText()} and, when the VM is given SSH keys, its CONTEXT: OpenNebula replaces
   * the template's CONTEXT with the one given at instantiation (its templates merge by attribute
   * name), so this one repeats {@code templateContext}, the template's own, with the network
   * configured and the keys set ({@code SSH_PUBLIC_KEY}, one key per line).
   */
  public String templateText(Map<String, String> templateContext) {
    StringBuilder t = new StringBuilder(plainText());
    if (sshPublicKeys.isEmpty()) {
      return t.toString();
    }
    Map<String, String> context = new LinkedHashMap<>(templateContext);
    context.put("NETWORK", "YES");
    context.put("SSH_PUBLIC_KEY", String.join("\n", sshPublicKeys));
    t.append("CONTEXT = [\n");
    int n = 0;
    for (Map.Entry<String, String> e : context.entrySet()) {
      String value = e.getValue();
      if (!NAME.matcher(e.getKey()).matches() || value.endsWith("\\")) {
        // Not an attribute OpenNebula could have written, or a value its lexer cannot read back
        // between quotes (a final backslash would escape the closing quote).
        continue;
      }
      t.append(n++ == 0 ? "  " : ",\n  ")
          .append(e.getKey())
          .append(" = \"")
          .append(quotedAsStored(value))
          .append('"');
    }
    return t.append(" ]\n").toString();
  }

  /**
   * A value as OpenNebula stored it, between quotes again: its lexer keeps a backslash-quote as it
   * is, so those stay; a bare quote (set through XML, not a template) gets its backslash.
   */
  static String quotedAsStored(String value) {
    return value.replaceAll("(?<!\\\\)\"", "\\\\\"");
  }

  private String plainText() {
    StringBuilder t = new StringBuilder();
    attribute(t, "CPU", Integer.toString(vcpu));
    attribute(t, "VCPU", Integer.toString(vcpu));
    attribute(t, "MEMORY", Long.toString(memoryMib));
    attributes.forEach((name, value) -> attribute(t, name, value));
    String pciClass = gpuClass == null ? PciDevice.CLASS_3D_CONTROLLER : gpuClass;
    for (int g = 0; g < gpus; g++) {
      t.append("PCI = [ CLASS = \"").append(quoted(pciClass)).append("\" ]\n");
    }
    if (bootImageId != null) {
      // Like NICs, the merge replaces all of the template's disks with this one.
      t.append("DISK = [ IMAGE_ID = \"").append(bootImageId).append('"');
      if (diskMib > 0) {
        t.append(", SIZE = \"").append(diskMib).append('"');
      }
      t.append(" ]\n");
    }
    // OpenNebula's merge replaces all of the template's NICs with these.
    for (Nic nic : nics) {
      t.append("NIC = [ NETWORK_ID = \"")
          .append(nic.networkId())
          .append("\", SECURITY_GROUPS = \"")
          .append(nic.securityGroupId())
          .append("\" ]\n");
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
