package eu.federa.cloud.simulator;

import eu.federa.cloud.simulator.SimModel.History;
import eu.federa.cloud.simulator.SimModel.Host;
import eu.federa.cloud.simulator.SimModel.Pci;
import eu.federa.cloud.simulator.SimModel.Vm;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Renders the simulator's objects in OpenNebula's XML shapes (share/doc/xsd). */
final class SimXml {

  private final StringBuilder out = new StringBuilder(512);

  static String of(Consumer<SimXml> body) {
    SimXml xml = new SimXml();
    body.accept(xml);
    return xml.out.toString();
  }

  SimXml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  SimXml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  SimXml el(String name, Object value) {
    out.append('<').append(name).append('>');
    String text = String.valueOf(value);
    if (value instanceof String) {
      out.append("<![CDATA[").append(text.replace("]]>", "]]]]><![CDATA[>")).append("]]>");
    } else {
      out.append(text);
    }
    out.append("</").append(name).append('>');
    return this;
  }

  SimXml attributes(Map<String, String> attributes) {
    attributes.forEach(this::el);
    return this;
  }

  SimXml ids(String name, Collection<Integer> ids) {
    open(name);
    ids.forEach(id -> el("ID", id));
    return close(name);
  }

  SimXml host(Host h, SimulatedCloud cloud) {
    open("HOST").el("ID", h.id).el("NAME", h.name).el("STATE", h.state).el("PREV_STATE", h.state);
    el("IM_MAD", "kvm").el("VM_MAD", "kvm").el("CLUSTER_ID", h.clusterId);
    el(
        "CLUSTER",
        cloud.clusters.containsKey(h.clusterId) ? cloud.clusters.get(h.clusterId).name : "default");
    open("HOST_SHARE");
    el("MEM_USAGE", h.memUsageKib).el("CPU_USAGE", h.cpuUsage);
    el("TOTAL_MEM", h.maxMemKib)
        .el("TOTAL_CPU", h.maxCpu)
        .el("MAX_MEM", h.maxMemKib)
        .el("MAX_CPU", h.maxCpu);
    el("RUNNING_VMS", h.vmIds.size()).el("VMS_THREAD", 0);
    open("DATASTORES")
        .el("DISK_USAGE", h.diskUsageMib)
        .el("FREE_DISK", h.maxDiskMib - h.diskUsageMib);
    el("MAX_DISK", h.maxDiskMib).el("USED_DISK", h.diskUsageMib).close("DATASTORES");
    open("PCI_DEVICES");
    for (Pci p : h.pci) {
      open("PCI").el("ADDRESS", p.address).el("SHORT_ADDRESS", p.shortAddress);
      el("DOMAIN", "0000")
          .el("BUS", p.shortAddress.substring(0, 2))
          .el("SLOT", "00")
          .el("FUNCTION", "0");
      el("VENDOR", p.vendor).el("VENDOR_NAME", p.vendorName).el("DEVICE", p.device);
      el("DEVICE_NAME", p.deviceName).el("CLASS", p.deviceClass).el("CLASS_NAME", p.className);
      el("TYPE", p.vendor + ":" + p.device + ":" + p.deviceClass)
          .el("NUMA_NODE", 0)
          .el("VMID", p.vmId);
      close("PCI");
    }
    close("PCI_DEVICES").open("NUMA_NODES").close("NUMA_NODES").close("HOST_SHARE");
    ids("VMS", h.vmIds);
    open("TEMPLATE").attributes(h.template).el("CPUSPEED", 2400).close("TEMPLATE");
    open("MONITORING").el("TIMESTAMP", cloud.now()).open("CAPACITY");
    el("FREE_CPU", h.maxCpu - h.cpuUsage).el("USED_CPU", h.cpuUsage);
    el("FREE_MEMORY", h.maxMemKib - h.memUsageKib).el("USED_MEMORY", h.memUsageKib);
    return close("CAPACITY").close("MONITORING").close("HOST");
  }

  /** How much of a VM an answer carries, as OpenNebula 7.5 does. */
  enum VmBody {
    /** one.vmpool.info: short template, empty USER_TEMPLATE, the last stay without its times. */
    SHORT,
    /** one.vmpool.infoextended: the whole template and user template, the last stay only. */
    EXTENDED,
    /** one.vm.info: everything, every stay. */
    FULL
  }

  SimXml vm(Vm v, SimulatedCloud cloud, VmBody body) {
    boolean full = body != VmBody.SHORT;
    open("VM").el("ID", v.id).el("UID", v.uid).el("GID", v.gid);
    el("UNAME", cloud.users.containsKey(v.uid) ? cloud.users.get(v.uid).name : "")
        .el("GNAME", cloud.groups.containsKey(v.gid) ? cloud.groups.get(v.gid).name : "");
    el("NAME", v.name);
    open("PERMISSIONS").el("OWNER_U", 1).el("OWNER_M", 1).el("OWNER_A", 0).el("GROUP_U", 0);
    el("GROUP_M", 0)
        .el("GROUP_A", 0)
        .el("OTHER_U", 0)
        .el("OTHER_M", 0)
        .el("OTHER_A", 0)
        .close("PERMISSIONS");
    el("LAST_POLL", cloud.now()).el("STATE", v.state).el("LCM_STATE", v.lcmState);
    el("PREV_STATE", v.prevState).el("PREV_LCM_STATE", v.prevLcmState).el("RESCHED", v.resched);
    el("STIME", v.stime).el("ETIME", v.etime).el("DEPLOY_ID", v.hostId >= 0 ? "one-" + v.id : "");
    open("MONITORING");
    if (v.state == SimulatedCloud.ACTIVE) {
      el("CPU", 5.0).el("MEMORY", v.memoryMib * 1024 / 2);
    }
    close("MONITORING");
    open("TEMPLATE").el("CPU", trim(v.cpu)).el("VCPU", v.vcpu).el("MEMORY", v.memoryMib);
    for (Map<String, String> disk : v.disks) {
      open("DISK").attributes(disk).close("DISK");
    }
    for (int n = 0; n < v.ips.size(); n++) {
      open("NIC")
          .el("NIC_ID", n)
          .el("NETWORK_ID", v.networkIds.get(n))
          .el("IP", v.ips.get(n))
          .el(
              "SECURITY_GROUPS",
              String.join(",", v.nicSecurityGroups.get(n).stream().map(String::valueOf).toList()))
          .close("NIC");
    }
    if (full) {
      // The rules of the NICs' groups as the VM's firewall holds them now.
      for (Map<String, String> rule : cloud.vmFirewall(v.id)) {
        open("SECURITY_GROUP_RULE").attributes(rule).close("SECURITY_GROUP_RULE");
      }
    }
    open("GRAPHICS").el("TYPE", "VNC").close("GRAPHICS");
    if (full) {
      // The context as the VM reads it: the template's attributes and, with NETWORK, each NIC's.
      for (Map<String, String> context : v.template.vector("CONTEXT")) {
        open("CONTEXT").attributes(context);
        if ("YES".equalsIgnoreCase(context.get("NETWORK"))) {
          for (int n = 0; n < v.ips.size(); n++) {
            el("ETH" + n + "_IP", v.ips.get(n));
          }
        }
        el("TARGET", "hdb").close("CONTEXT");
      }
      for (Pci p : v.heldPci) {
        open("PCI").el("ADDRESS", p.address).el("SHORT_ADDRESS", p.shortAddress);
        el("VENDOR", p.vendor).el("DEVICE", p.device).el("CLASS", p.deviceClass).close("PCI");
      }
      for (Map<String, String> request : v.template.vector("PCI")) {
        if (v.heldPci.isEmpty()) {
          open("PCI").attributes(request).close("PCI");
        }
      }
      for (Map.Entry<String, String> a : v.template.single.entrySet()) {
        if (a.getKey().startsWith("SCHED_") || a.getKey().endsWith("_COST")) {
          el(a.getKey(), a.getValue());
        }
      }
    }
    close("TEMPLATE");
    v.diskSnapshots.forEach(
        (diskId, snapshots) -> {
          if (!snapshots.isEmpty()) {
            snapshots.xml(this, diskId);
          }
        });
    open("BACKUPS").open("BACKUP_CONFIG").close("BACKUP_CONFIG").open("BACKUP_IDS");
    v.backupIds.forEach(id -> el("ID", id));
    close("BACKUP_IDS").close("BACKUPS");
    open("USER_TEMPLATE");
    if (full) {
      attributes(v.userTemplate);
      if (!v.schedMessage.isEmpty()) {
        el("SCHED_MESSAGE", v.schedMessage);
      }
    }
    close("USER_TEMPLATE");
    open("HISTORY_RECORDS");
    List<History> stays =
        body == VmBody.FULL || v.history.isEmpty()
            ? v.history
            : List.of(v.history.get(v.history.size() - 1));
    for (History h : stays) {
      if (body == VmBody.SHORT) {
        open("HISTORY").el("OID", v.id).el("SEQ", h.seq).el("HOSTNAME", h.hostName);
        el("HID", h.hostId).el("CID", h.clusterId).el("DS_ID", 0).el("VM_MAD", "kvm");
        el("TM_MAD", "ssh").el("ACTION", h.action);
        close("HISTORY");
      } else {
        history(h, v, false);
      }
    }
    close("HISTORY_RECORDS");
    return close("VM");
  }

  SimXml history(History h, Vm v, boolean withVm) {
    open("HISTORY").el("OID", v.id).el("SEQ", h.seq).el("HOSTNAME", h.hostName).el("HID", h.hostId);
    el("CID", h.clusterId)
        .el("STIME", h.stime)
        .el("ETIME", h.etime)
        .el("VM_MAD", "kvm")
        .el("TM_MAD", "ssh");
    el("DS_ID", 0)
        .el("PSTIME", h.pstime)
        .el("PETIME", h.petime)
        .el("RSTIME", h.rstime)
        .el("RETIME", h.retime);
    el("ESTIME", h.estime)
        .el("EETIME", h.eetime)
        .el("ACTION", h.action)
        .el("UID", v.uid)
        .el("GID", v.gid);
    el("REQUEST_ID", -1);
    if (withVm) {
      open("VM").el("ID", v.id).el("NAME", v.name).el("UID", v.uid).el("GID", v.gid);
      open("TEMPLATE")
          .el("CPU", trim(v.cpu))
          .el("VCPU", v.vcpu)
          .el("MEMORY", v.memoryMib)
          .close("TEMPLATE");
      close("VM");
    }
    return close("HISTORY");
  }

  static String trim(double value) {
    return value == Math.floor(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
