package eu.federa.cloud.opennebula;

import eu.federa.cloud.AclRule;
import eu.federa.cloud.CloudAccount;
import eu.federa.cloud.Cluster;
import eu.federa.cloud.Datastore;
import eu.federa.cloud.HistoryRecord;
import eu.federa.cloud.Host;
import eu.federa.cloud.HostSample;
import eu.federa.cloud.HostState;
import eu.federa.cloud.Image;
import eu.federa.cloud.LcmState;
import eu.federa.cloud.MarketApp;
import eu.federa.cloud.PciDevice;
import eu.federa.cloud.SecurityGroup;
import eu.federa.cloud.SecurityGroupRule;
import eu.federa.cloud.ShowbackRecord;
import eu.federa.cloud.Template;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VirtualNetwork;
import eu.federa.cloud.VmMonitoring;
import eu.federa.cloud.VmState;
import eu.federa.cloud.Zone;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Maps OpenNebula's XML documents (share/doc/xsd) to Federa's records. */
final class OneXml {

  private OneXml() {}

  static <T> List<T> pool(String xml, String element, Function<XmlNode, T> mapper) {
    XmlNode root = XmlNode.parse(xml);
    List<XmlNode> items = root.all(element);
    List<T> result = new ArrayList<>(items.size());
    for (XmlNode item : items) {
      result.add(mapper.apply(item));
    }
    return result;
  }

  static <T> T single(String xml, Function<XmlNode, T> mapper) {
    return mapper.apply(XmlNode.parse(xml));
  }

  static Host host(XmlNode h) {
    XmlNode share = h.child("HOST_SHARE");
    List<PciDevice> pci = new ArrayList<>();
    for (XmlNode p : share.child("PCI_DEVICES").all("PCI")) {
      pci.add(
          new PciDevice(
              p.text("ADDRESS"),
              p.text("SHORT_ADDRESS"),
              p.text("VENDOR"),
              p.text("VENDOR_NAME"),
              p.text("DEVICE"),
              p.text("DEVICE_NAME"),
              p.text("CLASS"),
              p.text("CLASS_NAME"),
              p.integer("VMID", -1)));
    }
    return new Host(
        h.integer("ID", -1),
        h.text("NAME"),
        HostState.of(h.integer("STATE", -1)),
        h.integer("CLUSTER_ID", -1),
        h.text("CLUSTER"),
        share.number("MAX_CPU", 0),
        share.number("CPU_USAGE", 0),
        share.number("MAX_MEM", 0),
        share.number("MEM_USAGE", 0),
        share.child("DATASTORES").number("FREE_DISK", 0),
        share.integer("RUNNING_VMS", 0),
        pci);
  }

  static Cluster cluster(XmlNode c) {
    return new Cluster(
        c.integer("ID", -1),
        c.text("NAME"),
        ids(c.child("HOSTS")),
        ids(c.child("DATASTORES")),
        ids(c.child("VNETS")));
  }

  static CloudAccount user(XmlNode u) {
    return new CloudAccount(u.integer("ID", -1), u.text("NAME"), ids(u.child("GROUPS")));
  }

  static CloudAccount group(XmlNode g) {
    return new CloudAccount(g.integer("ID", -1), g.text("NAME"), List.of());
  }

  static Zone zone(XmlNode z) {
    return new Zone(
        z.integer("ID", -1),
        z.text("NAME"),
        z.integer("STATE", 0),
        z.child("TEMPLATE").text("ENDPOINT"));
  }

  static Template template(XmlNode t) {
    XmlNode body = t.child("TEMPLATE");
    Map<String, String> attributes = leafAttributes(body);
    return new Template(
        t.integer("ID", -1),
        t.text("NAME"),
        body.decimal("CPU", 0),
        body.integer("VCPU", 0),
        body.number("MEMORY", 0),
        attributes,
        body.all("DISK").stream().map(OneXml::leafAttributes).toList(),
        body.all("NIC").stream().map(OneXml::leafAttributes).toList(),
        body.all("CONTEXT").stream().findFirst().map(OneXml::leafAttributes).orElse(Map.of()));
  }

  static AclRule acl(XmlNode a) {
    return new AclRule(a.integer("ID", -1), a.text("STRING"));
  }

  static Image image(XmlNode i) {
    return new Image(
        i.integer("ID", -1),
        i.text("NAME"),
        i.integer("TYPE", 0),
        i.integer("STATE", 0),
        i.number("SIZE", 0),
        i.integer("DATASTORE_ID", -1),
        i.integer("RUNNING_VMS", 0),
        epoch(i.number("REGTIME", 0)),
        i.child("SNAPSHOTS").all("SNAPSHOT").stream()
            .map(snapshot -> snapshot.integer("ID", -1))
            .collect(java.util.stream.Collectors.toSet()));
  }

  static Datastore datastore(XmlNode d) {
    return new Datastore(
        d.integer("ID", -1), d.text("NAME"), d.integer("TYPE", 0), d.number("FREE_MB", 0));
  }

  static VirtualNetwork network(XmlNode n) {
    int size = 0;
    for (XmlNode ar : n.child("AR_POOL").all("AR")) {
      size += ar.integer("SIZE", 0);
    }
    return new VirtualNetwork(
        n.integer("ID", -1),
        n.text("NAME"),
        n.child("CLUSTERS").all("ID").size(),
        n.integer("USED_LEASES", 0),
        n.integer("UID", -1),
        n.integer("GID", -1),
        parentId(n.text("PARENT_NETWORK_ID")),
        size,
        ids(n.child("TEMPLATE").text("SECURITY_GROUPS")));
  }

  /** PARENT_NETWORK_ID is empty for a network that is not a reservation. */
  private static int parentId(String text) {
    return text.isBlank() ? -1 : Integer.parseInt(text.trim());
  }

  /** A comma-separated list of ids, as SECURITY_GROUPS holds them. */
  private static List<Integer> ids(String text) {
    List<Integer> ids = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        ids.add(Integer.parseInt(part.trim()));
      }
    }
    return ids;
  }

  static SecurityGroup securityGroup(XmlNode g) {
    List<SecurityGroupRule> rules = new ArrayList<>();
    for (XmlNode r : g.child("TEMPLATE").all("RULE")) {
      String ip = r.text("IP");
      String range = r.text("RANGE");
      rules.add(
          new SecurityGroupRule(
              r.text("PROTOCOL").isBlank() ? "ALL" : r.text("PROTOCOL"),
              !"OUTBOUND".equalsIgnoreCase(r.text("RULE_TYPE")),
              range.isBlank() ? null : range,
              ip.isBlank() ? null : ip,
              r.number("SIZE", 0)));
    }
    List<Integer> outdated = new ArrayList<>();
    g.child("OUTDATED_VMS")
        .all("ID")
        .forEach(id -> outdated.add(Integer.parseInt(id.text().trim())));
    g.child("UPDATING_VMS")
        .all("ID")
        .forEach(id -> outdated.add(Integer.parseInt(id.text().trim())));
    List<Integer> failed = new ArrayList<>();
    g.child("ERROR_VMS").all("ID").forEach(id -> failed.add(Integer.parseInt(id.text().trim())));
    return new SecurityGroup(
        g.integer("ID", -1),
        g.text("NAME"),
        g.integer("UID", -1),
        g.integer("GID", -1),
        rules,
        outdated,
        failed);
  }

  static MarketApp marketApp(XmlNode m) {
    return new MarketApp(
        m.integer("ID", -1),
        m.text("NAME"),
        m.integer("TYPE", 0),
        m.number("SIZE", 0),
        m.text("VERSION"));
  }

  static VirtualMachine vm(XmlNode v) {
    XmlNode template = v.child("TEMPLATE");
    List<String> ips = new ArrayList<>();
    List<VirtualMachine.Nic> nics = new ArrayList<>();
    for (XmlNode nic : template.all("NIC")) {
      if (!nic.text("IP").isEmpty()) {
        ips.add(nic.text("IP"));
      }
      nics.add(
          new VirtualMachine.Nic(
              nic.integer("NETWORK_ID", -1), nic.text("IP"), ids(nic.text("SECURITY_GROUPS"))));
    }
    List<HistoryRecord> history = new ArrayList<>();
    int vmId = v.integer("ID", -1);
    for (XmlNode h : v.child("HISTORY_RECORDS").all("HISTORY")) {
      history.add(history(h, vmId));
    }
    Map<String, String> userTemplate = leafAttributes(v.child("USER_TEMPLATE"));
    List<VirtualMachine.Disk> disks = new ArrayList<>();
    for (XmlNode disk : template.all("DISK")) {
      disks.add(
          new VirtualMachine.Disk(
              disk.integer("DISK_ID", -1),
              disk.integer("IMAGE_ID", -1),
              disk.number("SIZE", 0),
              disk.integer("DATASTORE_ID", -1),
              "YES".equalsIgnoreCase(disk.text("ATTACH"))));
    }
    List<VirtualMachine.DiskSnapshot> snapshots = new ArrayList<>();
    for (XmlNode perDisk : v.all("SNAPSHOTS")) {
      int diskId = perDisk.integer("DISK_ID", -1);
      for (XmlNode snapshot : perDisk.all("SNAPSHOT")) {
        snapshots.add(
            new VirtualMachine.DiskSnapshot(
                diskId,
                snapshot.integer("ID", -1),
                snapshot.text("NAME"),
                snapshot.number("SIZE", 0)));
      }
    }
    List<Integer> backupIds = new ArrayList<>();
    for (XmlNode id : v.child("BACKUPS").child("BACKUP_IDS").all("ID")) {
      if (id.text().trim().matches("\\d+")) {
        backupIds.add(Integer.valueOf(id.text().trim()));
      }
    }
    return new VirtualMachine(
        vmId,
        v.text("NAME"),
        v.integer("UID", -1),
        v.integer("GID", -1),
        v.text("UNAME"),
        v.text("GNAME"),
        VmState.of(v.integer("STATE", -1)),
        LcmState.of(v.integer("LCM_STATE", 0)),
        template.decimal("CPU", 0),
        template.integer("VCPU", 0),
        template.number("MEMORY", 0),
        ips,
        epoch(v.number("STIME", 0)),
        epoch(v.number("ETIME", 0)),
        history,
        userTemplate,
        template.all("CONTEXT").stream().findFirst().map(OneXml::leafAttributes).orElse(Map.of()),
        nics,
        disks,
        snapshots,
        backupIds);
  }

  /** A HISTORY element; {@code vmId} is used where the element carries no OID. */
  static HistoryRecord history(XmlNode h, int vmId) {
    return new HistoryRecord(
        h.integer("OID", vmId),
        h.integer("SEQ", 0),
        h.text("HOSTNAME"),
        h.integer("HID", -1),
        h.integer("CID", -1),
        epoch(h.number("STIME", 0)),
        epoch(h.number("ETIME", 0)),
        epoch(h.number("PSTIME", 0)),
        epoch(h.number("PETIME", 0)),
        epoch(h.number("RSTIME", 0)),
        epoch(h.number("RETIME", 0)),
        epoch(h.number("ESTIME", 0)),
        epoch(h.number("EETIME", 0)),
        h.integer("ACTION", 0));
  }

  static ShowbackRecord showback(XmlNode s) {
    return new ShowbackRecord(
        s.integer("VMID", -1),
        s.text("VMNAME"),
        s.integer("UID", -1),
        s.integer("GID", -1),
        s.text("UNAME"),
        s.text("GNAME"),
        s.integer("YEAR", 0),
        s.integer("MONTH", 0),
        decimal(s, "CPU_COST"),
        decimal(s, "MEMORY_COST"),
        decimal(s, "DISK_COST"),
        decimal(s, "TOTAL_COST"),
        decimal(s, "HOURS"),
        decimal(s, "RHOURS"));
  }

  /**
   * VM monitoring records ({@code one.vm.monitoring}, {@code one.vmpool.monitoring}): {@code
   * MONITORING_DATA/MONITORING{ID, TIMESTAMP, CPU, MEMORY, GPU_UTILIZATION?, ...}}.
   */
  static List<VmMonitoring> monitoring(String xml) {
    List<VmMonitoring> samples = new ArrayList<>();
    for (XmlNode m : XmlNode.parse(xml).all("MONITORING")) {
      samples.add(
          new VmMonitoring(
              m.integer("ID", -1),
              epoch(m.number("TIMESTAMP", 0)),
              m.decimal("CPU", 0),
              m.number("MEMORY", 0),
              m.decimal("GPU_UTILIZATION", Double.NaN)));
    }
    return samples;
  }

  /**
   * The host monitoring records of {@code one.hostpool.monitoring} (or {@code
   * one.host.monitoring}): {@code MONITORING_DATA/MONITORING{TIMESTAMP, ID, CAPACITY{FREE_CPU,
   * USED_CPU, FREE_MEMORY, USED_MEMORY}, SYSTEM, NUMA_NODE*}}; a record without a time or host is
   * left out.
   */
  static List<HostSample> hostMonitoring(String xml) {
    List<HostSample> samples = new ArrayList<>();
    for (XmlNode m : XmlNode.parse(xml).all("MONITORING")) {
      Instant at = epoch(m.number("TIMESTAMP", 0));
      int hostId = m.integer("ID", -1);
      if (at == null || hostId < 0) {
        continue;
      }
      XmlNode capacity = m.child("CAPACITY");
      samples.add(
          new HostSample(
              hostId,
              at,
              capacity.decimal("USED_CPU", 0),
              capacity.decimal("FREE_CPU", 0),
              capacity.number("USED_MEMORY", 0),
              capacity.number("FREE_MEMORY", 0)));
    }
    return samples;
  }

  /** A template's single attributes (vector attributes such as DISK or NIC are left out). */
  private static Map<String, String> leafAttributes(XmlNode template) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (XmlNode a : template.children()) {
      if (a.children().isEmpty()) {
        attributes.put(a.name(), a.text());
      }
    }
    return attributes;
  }

  private static BigDecimal decimal(XmlNode node, String name) {
    String value = node.text(name);
    try {
      return value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }

  private static List<Integer> ids(XmlNode list) {
    List<Integer> ids = new ArrayList<>();
    for (XmlNode id : list.all("ID")) {
      try {
        ids.add(Integer.parseInt(id.text()));
      } catch (NumberFormatException ignored) {
        // skip garbage ids
      }
    }
    return ids;
  }

  /** OpenNebula's epoch seconds; 0 means "not yet". */
  private static Instant epoch(long seconds) {
    return seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
  }
}
