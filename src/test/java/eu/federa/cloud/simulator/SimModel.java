package eu.federa.cloud.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's mutable objects; guarded by the {@link SimulatedCloud} monitor. */
final class SimModel {

  private SimModel() {}

  static final class User {
    final int id;
    final String name;
    String password;
    final List<Integer> groupIds = new ArrayList<>();
    final Quota quota = new Quota();

    User(int id, String name, String password) {
      this.id = id;
      this.name = name;
      this.password = password;
    }

    int primaryGroup() {
      return groupIds.isEmpty() ? 1 : groupIds.get(0);
    }

    boolean isAdmin() {
      return groupIds.contains(0);
    }
  }

  static final class Group {
    final int id;
    final String name;
    final Quota quota = new Quota();

    Group(int id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  /** VM quota; -1 default (unlimited here), -2 unlimited. */
  static final class Quota {
    long vms = -1;
    double cpu = -1;
    long memoryMib = -1;
    long systemDiskMib = -1;

    boolean isSet() {
      return vms >= 0 || cpu >= 0 || memoryMib >= 0 || systemDiskMib >= 0;
    }
  }

  static final class Cluster {
    final int id;
    final String name;
    final Map<String, String> template = new LinkedHashMap<>();

    Cluster(int id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  static final class Pci {
    final String address;
    final String shortAddress;
    final String vendor;
    final String vendorName;
    final String device;
    final String deviceName;
    final String deviceClass;
    final String className;
    int vmId = -1;

    Pci(
        String shortAddress,
        String vendor,
        String vendorName,
        String device,
        String deviceName,
        String deviceClass,
        String className) {
      this.shortAddress = shortAddress;
      this.address = "0000:" + shortAddress;
      this.vendor = vendor;
      this.vendorName = vendorName;
      this.device = device;
      this.deviceName = deviceName;
      this.deviceClass = deviceClass;
      this.className = className;
    }

    /** A VM's PCI request: any subset of VENDOR, DEVICE, CLASS, or SHORT_ADDRESS. */
    boolean matches(Map<String, String> request) {
      return matchesIfGiven(request.get("VENDOR"), vendor)
          && matchesIfGiven(request.get("DEVICE"), device)
          && matchesIfGiven(request.get("CLASS"), deviceClass)
          && matchesIfGiven(request.get("SHORT_ADDRESS"), shortAddress);
    }

    private static boolean matchesIfGiven(String wanted, String actual) {
      return wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase(actual);
    }
  }

  static final class Host {
    final int id;
    final String name;
    int clusterId;
    int state = 2; // MONITORED
    long maxCpu; // percent of a core
    long maxMemKib;
    long maxDiskMib;
    long cpuUsage;
    long memUsageKib;
    long diskUsageMib;
    final List<Pci> pci = new ArrayList<>();
    final List<Integer> vmIds = new ArrayList<>();
    final Map<String, String> template = new LinkedHashMap<>();

    Host(int id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  static final class Template {
    final int id;
    final String name;
    final String text;
    final int uid;
    final int gid;

    Template(int id, String name, String text, int uid, int gid) {
      this.id = id;
      this.name = name;
      this.text = text;
      this.uid = uid;
      this.gid = gid;
    }
  }

  static final class Image {
    final int id;
    final String name;
    final long sizeMib;

    Image(int id, String name, long sizeMib) {
      this.id = id;
      this.name = name;
      this.sizeMib = sizeMib;
    }
  }

  static final class Network {
    final int id;
    final String name;
    final int[] firstIp;
    final int size;
    final Map<String, Integer> leases = new LinkedHashMap<>();
    final List<Integer> clusterIds = new ArrayList<>();

    Network(int id, String name, String firstIp, int size) {
      this.id = id;
      this.name = name;
      String[] parts = firstIp.split("\\.");
      this.firstIp =
          new int[] {
            Integer.parseInt(parts[0]),
            Integer.parseInt(parts[1]),
            Integer.parseInt(parts[2]),
            Integer.parseInt(parts[3])
          };
      this.size = size;
    }

    String lease(int vmId) {
      for (int n = 0; n < size; n++) {
        int last = firstIp[3] + n;
        String ip =
            firstIp[0] + "." + firstIp[1] + "." + (firstIp[2] + last / 256) + "." + (last % 256);
        if (!leases.containsKey(ip)) {
          leases.put(ip, vmId);
          return ip;
        }
      }
      throw new SimError(
          SimError.ACTION, "No free address lease in virtual network [" + id + "]", id);
    }

    void release(int vmId) {
      leases.values().removeIf(v -> v == vmId);
    }
  }

  static final class MarketApp {
    final int id;
    final String name;
    final long sizeMib;
    final String version;

    MarketApp(int id, String name, long sizeMib, String version) {
      this.id = id;
      this.name = name;
      this.sizeMib = sizeMib;
      this.version = version;
    }
  }

  static final class History {
    int seq;
    int hostId;
    String hostName;
    int clusterId;
    long stime;
    long etime;
    long pstime;
    long petime;
    long rstime;
    long retime;
    long estime;
    long eetime;
    int action;
  }

  static final class Vm {
    final int id;
    String name;
    final int uid;
    final int gid;

    /** The host it was on before its last move (for "recover failure" of a failed move). */
    int previousHostId = -1;

    int state = 1; // PENDING
    int lcmState;
    int prevState;
    int prevLcmState;
    int resched;
    long stime;
    long etime;
    double cpu;
    int vcpu;
    long memoryMib;
    long diskMib;
    final TemplateText template;
    final Map<String, String> userTemplate = new LinkedHashMap<>();
    final List<String> ips = new ArrayList<>();
    final List<Integer> networkIds = new ArrayList<>();
    final List<Pci> heldPci = new ArrayList<>();
    final List<History> history = new ArrayList<>();
    int hostId = -1;
    String schedMessage = "";

    /** Incremented at every transition, so that stale scheduled steps do nothing. */
    long generation;

    Vm(int id, String name, int uid, int gid, TemplateText template) {
      this.id = id;
      this.name = name;
      this.uid = uid;
      this.gid = gid;
      this.template = template;
    }

    History current() {
      return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    boolean isDone() {
      return state == 6;
    }
  }
}
