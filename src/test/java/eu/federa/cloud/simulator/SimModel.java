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

  /** An image: an appliance's OS disk (oneadmin's, READY), or a datablock a user allocated. */
  static final class Image {
    final int id;
    final String name;
    final long sizeMib;
    int uid;
    int gid;

    /** 0 OS, 2 DATABLOCK. */
    int type;

    /** OpenNebula's image state: 1 READY, 4 LOCKED, 8 USED_PERS, ... */
    int state = 1;

    boolean persistent;
    int datastoreId = 1;

    /** The VM a persistent image is attached to, or -1. */
    int vmId = -1;

    /**
     * The VMs that use a non-persistent image (each has its own copy): while there is one, the
     * image is USED and cannot be deleted, as in OpenNebula.
     */
    final java.util.Set<Integer> usedBy = new java.util.TreeSet<>();

    /** Its snapshots: a persistent image keeps those taken while it was a VM's disk. */
    SimSnapshots snapshots = new SimSnapshots();

    /** How many times it was put back to one of its snapshots. */
    int reverts;

    /** When it was made (REGTIME, epoch seconds). */
    long registeredAt;

    /** For a backup image (TYPE 6): the VM it was made of, and that VM's template to restore. */
    int backupOfVm = -1;

    String backupOfTemplate = "";

    /** For a backup image: the sizes (MiB) of the disks it holds, by DISK_ID order. */
    final List<Long> backupDiskMib = new ArrayList<>();

    Image(int id, String name, long sizeMib) {
      this.id = id;
      this.name = name;
      this.sizeMib = sizeMib;
    }
  }

  static final class Network {
    final int id;
    String name;

    /** Address ranges: first address as a number, and size. */
    final List<long[]> ranges = new ArrayList<>();

    /** Leased addresses: the VM holding each, or {@code -1 - reservationId} for reserved ones. */
    final Map<String, Integer> leases = new LinkedHashMap<>();

    final List<Integer> clusterIds = new ArrayList<>();
    int uid;
    int gid;

    /** The network this one's addresses were reserved from, or -1. */
    int parentId = -1;

    /** The template's SECURITY_GROUPS; OpenNebula adds its default group 0 to every new one. */
    final List<Integer> securityGroups = new ArrayList<>(List.of(0));

    Network(int id, String name, String firstIp, int size) {
      this.id = id;
      this.name = name;
      ranges.add(new long[] {number(firstIp), size});
    }

    /** A reservation: a network of the caller's, holding no range until addresses are added. */
    Network(int id, String name, int uid, int gid, Network parent) {
      this.id = id;
      this.name = name;
      this.uid = uid;
      this.gid = gid;
      this.parentId = parent.id;
      this.clusterIds.addAll(parent.clusterIds);
      this.securityGroups.clear();
      this.securityGroups.addAll(parent.securityGroups);
      if (!securityGroups.contains(0)) {
        securityGroups.add(0);
      }
    }

    int size() {
      return (int) ranges.stream().mapToLong(r -> r[1]).sum();
    }

    List<String> addresses() {
      List<String> all = new ArrayList<>();
      for (long[] r : ranges) {
        for (long n = 0; n < r[1]; n++) {
          all.add(dotted(r[0] + n));
        }
      }
      return all;
    }

    String lease(int vmId) {
      for (String ip : addresses()) {
        if (!leases.containsKey(ip)) {
          leases.put(ip, vmId);
          return ip;
        }
      }
      throw new SimError(
          SimError.ALLOCATE,
          "Error allocating a new virtual machine. Cannot get IP/MAC lease from virtual network "
              + id
              + ".",
          -1);
    }

    /**
     * Takes {@code count} consecutive free addresses for a reservation (as OpenNebula's address
     * ranges do); the first of them, or fails as OpenNebula does.
     */
    long reserve(int count, int reservationId) {
      for (long[] r : ranges) {
        int run = 0;
        for (long n = 0; n < r[1]; n++) {
          run = leases.containsKey(dotted(r[0] + n)) ? 0 : run + 1;
          if (run == count) {
            long first = r[0] + n - count + 1;
            for (long k = 0; k < count; k++) {
              leases.put(dotted(first + k), -1 - reservationId);
            }
            return first;
          }
        }
      }
      throw new SimError(
          SimError.ACTION, "Not enough free addresses in an address range", reservationId);
    }

    void release(int vmId) {
      leases.values().removeIf(v -> v == vmId);
    }

    static long number(String ip) {
      String[] parts = ip.split("\\.");
      long n = 0;
      for (String part : parts) {
        n = (n << 8) | Integer.parseInt(part);
      }
      return n;
    }

    static String dotted(long n) {
      return (n >> 24 & 255) + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }
  }

  /** A security group: its rules (each a RULE vector) and the VMs whose NICs carry it. */
  static final class SecurityGroup {
    final int id;
    String name;
    final int uid;
    final int gid;
    final List<Map<String, String>> rules = new ArrayList<>();

    /** How many times its rules were written: a VM's firewall follows at once here. */
    int commits;

    SecurityGroup(int id, String name, int uid, int gid) {
      this.id = id;
      this.name = name;
      this.uid = uid;
      this.gid = gid;
    }
  }

  static final class MarketApp {
    final int id;
    final String name;
    final long sizeMib;
    final String version;

    /** The provider's own apps belong to oneadmin (0, group 0). */
    int uid;

    int gid;

    /** 1 READY, 2 LOCKED (being exported from its image), 3 ERROR. */
    int state = 1;

    /** An app exported from an image: the image, its marketplace, where its bytes are. */
    int originImageId = -1;

    int marketId = -1;
    String source = "";
    String md5 = "";

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
    int uid;
    int gid;

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

    /** Its DISK vectors as OpenNebula fills them in: DISK_ID, IMAGE_ID, SIZE, DATASTORE_ID. */
    final List<Map<String, String>> disks = new ArrayList<>();

    /** Snapshots of its disks, by DISK_ID (a persistent image's travel with it). */
    final Map<Integer, SimSnapshots> diskSnapshots = new java.util.TreeMap<>();

    /** How many times one of its disks was put back to a snapshot. */
    int diskReverts;

    /** Its backup images (BACKUPS/BACKUP_IDS), oldest first. */
    final List<Integer> backupIds = new ArrayList<>();

    /** Each NIC's security groups: the NIC's own and its network's, as OpenNebula joins them. */
    final List<List<Integer>> nicSecurityGroups = new ArrayList<>();

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
