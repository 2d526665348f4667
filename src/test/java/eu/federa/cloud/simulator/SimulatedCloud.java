package eu.federa.cloud.simulator;

import eu.federa.cloud.LcmState;
import eu.federa.cloud.simulator.SimModel.Cluster;
import eu.federa.cloud.simulator.SimModel.Group;
import eu.federa.cloud.simulator.SimModel.History;
import eu.federa.cloud.simulator.SimModel.Host;
import eu.federa.cloud.simulator.SimModel.Pci;
import eu.federa.cloud.simulator.SimModel.User;
import eu.federa.cloud.simulator.SimModel.Vm;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The state of one simulated OpenNebula front-end (one zone) and its behaviour: VM life cycle with
 * step delays, placement of PENDING VMs (capacity, PCI devices, SCHED_REQUIREMENTS, striping),
 * deploy with capacity enforced, quotas, leases and accounting history. All methods are
 * synchronized on this object.
 */
public final class SimulatedCloud implements AutoCloseable {

  // VM states and LCM states used here (see shared/docs/opennebula-api.md)
  static final int PENDING = 1, HOLD = 2, ACTIVE = 3, STOPPED = 4, SUSPENDED = 5, DONE = 6;
  static final int POWEROFF = 8, UNDEPLOYED = 9;
  static final int PROLOG = 1, BOOT = 2, RUNNING = 3, SAVE_STOP = 5, SAVE_SUSPEND = 6;
  static final int EPILOG_STOP = 10, EPILOG = 11, SHUTDOWN = 12, SHUTDOWN_POWEROFF = 18;
  static final int BOOT_POWEROFF = 20, BOOT_SUSPENDED = 21, BOOT_STOPPED = 22;
  // History ACTION codes (include/VMActions.h)
  static final int MIGRATE_ACTION = 1, POWEROFF_ACTION = 19, RESIZE_ACTION = 35;
  static final int SHUTDOWN_UNDEPLOY = 29, EPILOG_UNDEPLOY = 30, BOOT_UNDEPLOY = 32;
  static final int BOOT_FAILURE = 36, PROLOG_FAILURE = 39;
  static final int PROLOG_MIGRATE_POWEROFF = 43, PROLOG_MIGRATE_POWEROFF_FAILURE = 44;
  static final int MIGRATE = 4, SAVE_MIGRATE = 7, PROLOG_MIGRATE = 8, BOOT_MIGRATE = 35;
  static final int PROLOG_MIGRATE_FAILURE = 38, LIVE_MIGRATE_ACTION = 2;

  final int zoneId;
  final String zoneName;
  final String version;
  final Clock clock;
  final Map<Integer, User> users = new TreeMap<>();
  final Map<Integer, Group> groups = new TreeMap<>();
  final Map<Integer, Cluster> clusters = new TreeMap<>();
  final Map<Integer, Host> hosts = new TreeMap<>();
  final Map<Integer, SimModel.Template> templates = new TreeMap<>();
  final Map<Integer, SimModel.Image> images = new TreeMap<>();
  final Map<Integer, SimModel.Network> networks = new TreeMap<>();
  final Map<Integer, SimModel.MarketApp> marketApps = new TreeMap<>();
  final Map<Integer, SimModel.SecurityGroup> securityGroups = new TreeMap<>();
  final Map<Integer, Vm> vms = new TreeMap<>();
  final SimAcl acl = new SimAcl();
  private final Map<String, Integer> nextIds = new HashMap<>();

  private final ScheduledExecutorService steps;
  private volatile Duration stepDelay = Duration.ofMillis(20);

  /** The LCM failure state the next deployed VM ends in instead of RUNNING, if any. */
  private Integer failNextBootWith;

  /** Whether the next migration fails (see {@link #failNextMigration()}). */
  private boolean failNextMigration;

  public SimulatedCloud(int zoneId, String zoneName, String adminPassword, Clock clock) {
    this.zoneId = zoneId;
    this.zoneName = zoneName;
    this.version = "7.0.0";
    this.clock = clock;
    groups.put(0, new Group(0, "oneadmin"));
    groups.put(1, new Group(1, "users"));
    nextIds.put("group", 100);
    User admin = new User(0, "oneadmin", adminPassword);
    admin.groupIds.add(0);
    users.put(0, admin);
    nextIds.put("user", 1);
    // OpenNebula's default security group: everything in and out.
    SimModel.SecurityGroup defaults = new SimModel.SecurityGroup(0, "default", 0, 0);
    defaults.rules.add(Map.of("PROTOCOL", "ALL", "RULE_TYPE", "OUTBOUND"));
    defaults.rules.add(Map.of("PROTOCOL", "ALL", "RULE_TYPE", "INBOUND"));
    securityGroups.put(0, defaults);
    nextIds.put("secgroup", 100);
    this.steps =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "one-sim-" + zoneName);
              t.setDaemon(true);
              return t;
            });
    steps.scheduleWithFixedDelay(this::schedulePending, 50, 100, TimeUnit.MILLISECONDS);
  }

  // ------------------------------------------------------------------ setup

  /** How long each life-cycle step (PROLOG, BOOT, SHUTDOWN, ...) takes. */
  public void setStepDelay(Duration delay) {
    this.stepDelay = delay;
  }

  /** The next VM to be deployed fails in this LCM state (e.g. 36 BOOT_FAILURE). */
  public synchronized void failNextBoot(int lcmFailureState) {
    this.failNextBootWith = lcmFailureState;
  }

  /** Whether the next marketplace app (an exported disk) ends in ERROR instead of READY. */
  private boolean failNextExport;

  /**
   * The next marketplace app ends in ERROR (3) instead of READY, as when the marketplace's
   * datastore cannot take the image: the allocation itself succeeds.
   */
  public synchronized void failNextExport() {
    this.failNextExport = true;
  }

  /**
   * The next migration fails: a powered-off VM's ends in PROLOG_MIGRATE_POWEROFF_FAILURE (44), a
   * running VM's live one brings it back to its host, a running VM's cold one ends in
   * PROLOG_MIGRATE_FAILURE (38).
   */
  public synchronized void failNextMigration() {
    this.failNextMigration = true;
  }

  private int nextId(String kind) {
    int id = nextIds.getOrDefault(kind, 0);
    nextIds.put(kind, id + 1);
    return id;
  }

  public synchronized int addCluster(String name) {
    int id = 100 + clusters.size();
    clusters.put(id, new Cluster(id, name));
    return id;
  }

  public synchronized int addHost(
      String name, int clusterId, int cores, long memoryMib, long diskMib) {
    int id = nextId("host");
    Host host = new Host(id, name);
    host.clusterId = clusterId;
    host.maxCpu = cores * 100L;
    host.maxMemKib = memoryMib * 1024;
    host.maxDiskMib = diskMib;
    host.template.put("HYPERVISOR", "kvm");
    host.template.put("ARCH", "x86_64");
    hosts.put(id, host);
    return id;
  }

  /** The host leaves the pool, as after {@code one.host.delete} (for hosts that run no VM). */
  public synchronized void removeHost(int hostId) {
    if (vms.values().stream().anyMatch(vm -> vm.hostId == hostId && vm.state != DONE)) {
      throw new IllegalStateException("host " + hostId + " still runs VMs");
    }
    hosts.remove(hostId);
  }

  public synchronized void addGpu(
      int hostId, String vendor, String device, String deviceName, String deviceClass) {
    Host host = hosts.get(hostId);
    String shortAddress = String.format("%02x:00.0", 0x40 + host.pci.size());
    String vendorName = "10de".equals(vendor) ? "NVIDIA Corporation" : "Vendor " + vendor;
    String className = "0302".equals(deviceClass) ? "3D controller" : "VGA compatible controller";
    host.pci.add(
        new Pci(shortAddress, vendor, vendorName, device, deviceName, deviceClass, className));
  }

  /** Makes a VM look as if it had been running since {@code epochSeconds} (its monitoring too). */
  public synchronized void setVmStartTime(int vmId, long epochSeconds) {
    vms.get(vmId).stime = epochSeconds;
  }

  public synchronized void setHostState(int hostId, int state) {
    hosts.get(hostId).state = state;
  }

  public synchronized int addTemplate(String name, String text) {
    int id = nextId("template");
    TemplateText.parse(text); // must parse
    templates.put(id, new SimModel.Template(id, name, text, 0, 0));
    return id;
  }

  public synchronized int addImage(String name, long sizeMib) {
    int id = nextId("image");
    images.put(id, new SimModel.Image(id, name, sizeMib));
    return id;
  }

  public synchronized int addNetwork(String name, String firstIp, int size) {
    int id = nextId("network");
    networks.put(id, new SimModel.Network(id, name, firstIp, size));
    return id;
  }

  public synchronized int addMarketApp(String name, long sizeMib, String version) {
    int id = nextId("app");
    marketApps.put(id, new SimModel.MarketApp(id, name, sizeMib, version));
    return id;
  }

  public synchronized int addUser(String name, String password, int... groupIds) {
    int id = allocateUser(name, password, groupIds.length == 0 ? List.of(1) : toList(groupIds));
    return id;
  }

  private static List<Integer> toList(int[] values) {
    List<Integer> list = new ArrayList<>();
    for (int v : values) {
      list.add(v);
    }
    return list;
  }

  // ------------------------------------------------------------------ inspection for tests

  public synchronized long hostCpuUsage(int hostId) {
    return hosts.get(hostId).cpuUsage;
  }

  public synchronized long hostMemoryUsageKib(int hostId) {
    return hosts.get(hostId).memUsageKib;
  }

  /**
   * The VM holding {@code ip}, as an appliance sees itself: its id, whether it runs (ACTIVE and
   * RUNNING), and what Federa gave it to serve (FEDERA_SERVICE, FEDERA_MODEL).
   */
  public record ApplianceVm(int vmId, boolean running, String service, String model) {}

  public synchronized java.util.Optional<ApplianceVm> applianceAt(String ip) {
    for (Vm vm : vms.values()) {
      if (vm.ips.contains(ip) && vm.state != 6) {
        return java.util.Optional.of(
            new ApplianceVm(
                vm.id,
                vm.state == 3 && vm.lcmState == 3,
                vm.userTemplate.get("FEDERA_SERVICE"),
                vm.userTemplate.get("FEDERA_MODEL")));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * How many VMs, ended ones included, were instantiated for the portal's order {@code orderId}
   * (the number in their FEDERA_ORDER_ID): one, whatever the number of nodes that ran the order.
   */
  public synchronized long vmsOfOrder(long orderId) {
    String id = Long.toString(orderId);
    return vms.values().stream()
        .map(vm -> vm.userTemplate.get("FEDERA_ORDER_ID"))
        .filter(ref -> ref != null && id.equals(ref.replaceAll("\\D", "")))
        .count();
  }

  public synchronized int vmState(int vmId) {
    return vms.get(vmId).state;
  }

  /** The VM's CONTEXT as instantiation left it (empty: none). */
  public synchronized Map<String, String> vmContext(int vmId) {
    List<Map<String, String>> context = vms.get(vmId).template.vector("CONTEXT");
    return context.isEmpty() ? Map.of() : Map.copyOf(context.get(0));
  }

  /** The VM's owner and group (user id, group id). */
  public synchronized int[] vmOwnership(int vmId) {
    Vm vm = vms.get(vmId);
    return new int[] {vm.uid, vm.gid};
  }

  /** The VM's user template, as one.vm.update left it. */
  public synchronized Map<String, String> vmUserTemplate(int vmId) {
    return Map.copyOf(vms.get(vmId).userTemplate);
  }

  public synchronized int vmLcmState(int vmId) {
    return vms.get(vmId).lcmState;
  }

  public synchronized int vmHost(int vmId) {
    return vms.get(vmId).hostId;
  }

  // ------------------------------------------------------------------ users, groups, quotas

  synchronized User authenticate(String session) {
    int colon = session == null ? -1 : session.indexOf(':');
    if (colon > 0) {
      String name = session.substring(0, colon);
      String password = session.substring(colon + 1);
      for (User user : users.values()) {
        if (user.name.equals(name) && user.password.equals(password)) {
          return user;
        }
      }
    }
    throw new SimError(SimError.AUTHENTICATION, "User couldn't be authenticated, aborting call.");
  }

  synchronized int allocateUser(String name, String password, List<Integer> groupIds) {
    if (name == null || name.isBlank()) {
      throw new SimError(SimError.INTERNAL, "Invalid NAME, it cannot be empty");
    }
    for (User u : users.values()) {
      if (u.name.equals(name)) {
        throw new SimError(SimError.INTERNAL, "NAME is already taken by USER " + u.id + ".");
      }
    }
    for (int g : groupIds) {
      if (!groups.containsKey(g)) {
        throw new SimError(SimError.NO_EXISTS, "Error getting group [" + g + "].", g);
      }
    }
    User user = new User(nextId("user"), name, password);
    user.groupIds.addAll(groupIds.isEmpty() ? List.of(1) : groupIds);
    users.put(user.id, user);
    return user.id;
  }

  synchronized int allocateGroup(String name) {
    for (Group g : groups.values()) {
      if (g.name.equals(name)) {
        throw new SimError(SimError.INTERNAL, "NAME is already taken by GROUP " + g.id + ".");
      }
    }
    Group group = new Group(nextId("group"), name);
    groups.put(group.id, group);
    // what onegroup's allocation adds by itself: using networks and datastores, managing hosts;
    // creating anything needs a rule of its own
    acl.add(SimAcl.GROUP | group.id, SimAcl.HOST | SimAcl.ALL, SimAcl.MANAGE);
    acl.add(SimAcl.GROUP | group.id, SimAcl.NET | SimAcl.ALL, SimAcl.USE);
    acl.add(SimAcl.GROUP | group.id, SimAcl.DATASTORE | SimAcl.ALL, SimAcl.USE);
    return group.id;
  }

  /** Sets a group's VM quota, as a provider's operator would (tests). */
  public synchronized void setGroupQuota(String groupName, String text) {
    for (Group g : groups.values()) {
      if (g.name.equals(groupName)) {
        setQuota(g.quota, text);
        return;
      }
    }
    throw new IllegalArgumentException("no group " + groupName);
  }

  synchronized void setQuota(SimModel.Quota quota, String text) {
    TemplateText t;
    try {
      t = TemplateText.parse(text);
    } catch (SimError e) {
      // OpenNebula's quota calls answer a template that does not parse with ACTION
      throw new SimError(
          SimError.ACTION, e.getMessage().replace("Parse error: ", "Parse error: syntax error, "));
    }
    for (Map<String, String> vm : t.vector("VM")) {
      if (vm.containsKey("VMS")) {
        quota.vms = (long) Double.parseDouble(vm.get("VMS"));
      }
      if (vm.containsKey("CPU")) {
        quota.cpu = Double.parseDouble(vm.get("CPU"));
      }
      if (vm.containsKey("MEMORY")) {
        quota.memoryMib = (long) Double.parseDouble(vm.get("MEMORY"));
      }
      if (vm.containsKey("SYSTEM_DISK_SIZE")) {
        quota.systemDiskMib = (long) Double.parseDouble(vm.get("SYSTEM_DISK_SIZE"));
      }
    }
  }

  private void checkQuota(String kind, int id, SimModel.Quota quota, List<Vm> owned, Vm wanted) {
    long vmsUsed = owned.size() + 1L;
    double cpuUsed = owned.stream().mapToDouble(v -> v.cpu).sum() + wanted.cpu;
    long memUsed = owned.stream().mapToLong(v -> v.memoryMib).sum() + wanted.memoryMib;
    if (quota.vms >= 0 && vmsUsed > quota.vms) {
      throw quotaError(kind, id, quota.vms, "VMS");
    }
    if (quota.cpu >= 0 && cpuUsed > quota.cpu + 1e-9) {
      throw quotaError(kind, id, quota.cpu, "CPU");
    }
    if (quota.memoryMib >= 0 && memUsed > quota.memoryMib) {
      throw quotaError(kind, id, quota.memoryMib, "MEMORY");
    }
  }

  private static SimError quotaError(String kind, int id, Number limit, String what) {
    String limitText =
        limit instanceof Double d && d == Math.floor(d)
            ? Long.toString(d.longValue())
            : limit.toString();
    return new SimError(
        SimError.AUTHORIZATION,
        kind + " [" + id + "] : limit of " + limitText + " reached for " + what + " quota in VM.",
        -1);
  }

  // ------------------------------------------------------------------ networks, security groups

  private static List<Integer> securityGroupIds(String text) {
    List<Integer> ids = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        ids.add(Integer.parseInt(part.trim()));
      }
    }
    return ids;
  }

  synchronized SimModel.Network network(int id) {
    SimModel.Network n = networks.get(id);
    if (n == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting virtual network [" + id + "].", id);
    }
    return n;
  }

  /** Whether the user may see and use the network: its owner, an admin, or by an ACL rule. */
  synchronized boolean mayUse(User u, SimModel.Network n) {
    return u.isAdmin() || n.uid == u.id || acl.allows(u, SimAcl.NET, n.id, n.gid, SimAcl.USE);
  }

  /**
   * one.vn.reserve as OpenNebula checks it: SIZE above 0, a NAME for a new reservation, USE of the
   * network, not a reservation of a reservation; consecutive free addresses or "Not enough free
   * addresses". A new reservation belongs to the caller.
   */
  synchronized int reserve(User u, int parentId, String text) {
    TemplateText t = TemplateText.parse(text);
    int size;
    try {
      size = Integer.parseInt(t.get("SIZE", "0").trim());
    } catch (NumberFormatException e) {
      size = 0;
    }
    if (size <= 0) {
      throw new SimError(SimError.ACTION, "Reservation SIZE must be a greater than 0", -1);
    }
    String into = t.get("NETWORK_ID", null);
    SimModel.Network target = null;
    if (into != null) {
      target = network(Integer.parseInt(into.trim()));
      if (target.parentId == -1) {
        throw new SimError(
            SimError.ACTION, "Cannot add reservations to a non-reservation VNET", -1);
      }
      if (target.parentId != parentId) {
        throw new SimError(
            SimError.ACTION,
            "New reservations for virtual network "
                + target.id
                + " have to be from network "
                + target.parentId,
            -1);
      }
    } else if (t.get("NAME", "").isBlank()) {
      throw new SimError(SimError.ACTION, "NAME for reservation has to be set", -1);
    }
    SimModel.Network parent = network(parentId);
    if (parent.parentId != -1) {
      throw new SimError(SimError.ACTION, "Cannot reserve addresses from a reserved VNET", -1);
    }
    if (!mayUse(u, parent)) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform USE NET [" + parentId + "].",
          -1);
    }
    int id = target != null ? target.id : nextId("network");
    long first = parent.reserve(size, id);
    if (target == null) {
      target = new SimModel.Network(id, t.get("NAME", ""), u.id, u.primaryGroup(), parent);
      networks.put(id, target);
    }
    target.ranges.add(new long[] {first, size});
    return id;
  }

  /** OpenNebula's MANAGE right on an object: its owner's, or an admin's. */
  private static void requireManage(User u, int ownerId, String kind, int id) {
    if (!u.isAdmin() && ownerId != u.id) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform MANAGE " + kind + " [" + id + "].",
          -1);
    }
  }

  /**
   * one.vn.delete: the owner (or an admin) deletes a network; refused while a VM holds one of its
   * leases. A reservation's addresses go back to its parent network.
   */
  synchronized int deleteNetwork(User u, int id) {
    SimModel.Network n = network(id);
    requireManage(u, n.uid, "NET", id);
    if (n.leases.values().stream().anyMatch(holder -> holder >= 0)) {
      throw new SimError(
          SimError.ACTION,
          "Cannot delete virtual network. Can not remove a virtual network with leases in use",
          id);
    }
    networks.remove(id);
    if (n.parentId >= 0 && networks.containsKey(n.parentId)) {
      networks.get(n.parentId).leases.values().removeIf(holder -> holder == -1 - id);
    }
    return id;
  }

  /** one.secgroup.delete: not the default one (0), nor one a VM still has. */
  synchronized int deleteSecurityGroup(User u, int id) {
    SimModel.SecurityGroup g = securityGroup(id);
    requireManage(u, g.uid, "SECGROUP", id);
    if (id == 0) {
      throw new SimError(
          SimError.ACTION, "The default security group (ID 0) cannot be deleted.", id);
    }
    boolean used =
        vms.values().stream()
            .anyMatch(
                vm -> !vm.isDone() && vm.nicSecurityGroups.stream().anyMatch(l -> l.contains(id)));
    if (used) {
      throw new SimError(SimError.ACTION, "The security group has VMs using it", id);
    }
    securityGroups.remove(id);
    return id;
  }

  /** one.marketapp.delete: the owner's or an admin's. */
  synchronized int deleteMarketApp(User u, int id) {
    SimModel.MarketApp app = marketApps.get(id);
    if (app == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting marketplace app [" + id + "].", id);
    }
    requireManage(u, app.uid, "MARKETPLACEAPP", id);
    marketApps.remove(id);
    return id;
  }

  /** one.user.delete (admins): not oneadmin; the user's own access rules go with it. */
  synchronized int deleteUser(User u, int id) {
    if (!u.isAdmin()) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform ADMIN USER [" + id + "].",
          -1);
    }
    User target = users.get(id);
    if (target == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting user [" + id + "].", id);
    }
    if (id == 0) {
      throw new SimError(SimError.ACTION, "oneadmin cannot be deleted.", id);
    }
    users.remove(id);
    acl.deleteOf(SimAcl.INDIVIDUAL | id);
    return id;
  }

  /** one.group.delete (admins): refused while a user is in it; its access rules go with it. */
  synchronized int deleteGroup(User u, int id) {
    if (!u.isAdmin()) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform ADMIN GROUP [" + id + "].",
          -1);
    }
    if (!groups.containsKey(id)) {
      throw new SimError(SimError.NO_EXISTS, "Error getting group [" + id + "].", id);
    }
    if (users.values().stream().anyMatch(member -> member.groupIds.contains(id))) {
      throw new SimError(
          SimError.ACTION, "Cannot delete group. Group " + id + " is not empty.", id);
    }
    groups.remove(id);
    acl.deleteOf(SimAcl.GROUP | id);
    return id;
  }

  // ------------------------------------------------------------------ disks out: save-as, market

  /** The marketplace of type http that exports images (one.marketpool.info lists it). */
  static final int EXPORT_MARKET_ID = 100;

  /**
   * How many bytes stand for one MiB of a disk when its contents are served (sparse stand-in): a
   * VM's disk has its size's 20 to 200 GiB, served as 2.5 to 25 MiB.
   */
  private volatile int bytesPerMib = 128;

  /** Where the exported apps' bytes are served; set by the simulator's HTTP server. */
  volatile String marketBaseUrl = "http://127.0.0.1/market";

  /** For tests: how many downloads of an app's bytes asked to resume from a byte (a Range). */
  public final java.util.concurrent.atomic.AtomicInteger resumedTransfers =
      new java.util.concurrent.atomic.AtomicInteger();

  /** For tests: the byte the last resumed download of an app's bytes asked to start from. */
  public final java.util.concurrent.atomic.AtomicLong lastResumedFrom =
      new java.util.concurrent.atomic.AtomicLong(-1);

  /** For tests: the copies an export left at the provider (saved images, published apps). */
  public synchronized long exportLeftovers() {
    return images.values().stream().filter(i -> i.name.startsWith("federa-export-")).count()
        + marketApps.values().stream().filter(a -> a.originImageId >= 0).count();
  }

  /** For tests: how many bytes stand for each MiB of a served disk. */
  public void setBytesPerMib(int bytes) {
    this.bytesPerMib = bytes;
  }

  int bytesPerMib() {
    return bytesPerMib;
  }

  /**
   * one.vm.disksaveas: a new image of the VM's disk, owned by the caller, LOCKED while it is copied
   * (the VM in HOTPLUG_SAVEAS meanwhile), then READY. The VM must be RUNNING, POWEROFF or
   * SUSPENDED.
   */
  synchronized int diskSaveAs(User u, int vmId, int diskId, String name, int snapshotId) {
    Vm vm = vm(vmId);
    if (!acl.allows(u, SimAcl.IMAGE, -1, -1, SimAcl.CREATE)) {
      // The new image is the caller's: it needs the right to create images (a tenant's group
      // has none).
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform CREATE IMAGE.",
          -1);
    }
    boolean running = vm.state == ACTIVE && vm.lcmState == 3;
    if (!running && vm.state != POWEROFF && vm.state != SUSPENDED) {
      throw new SimError(
          SimError.INTERNAL, "VM has to be RUNNING, POWEROFF or SUSPENDED to save disks.", vmId);
    }
    Map<String, String> disk =
        vm.disks.stream()
            .filter(d -> d.get("DISK_ID").equals(Integer.toString(diskId)))
            .findFirst()
            .orElseThrow(() -> new SimError(SimError.ACTION, "VM disk does not exist", vmId));
    if (images.values().stream().anyMatch(i -> i.uid == u.id && i.name.equals(name))) {
      throw new SimError(
          SimError.ALLOCATE,
          "[one.vm.disksaveas] Error allocating a new image. NAME is already taken by IMAGE "
              + name
              + ".",
          -1);
    }
    long size = Long.parseLong(disk.getOrDefault("SIZE", "0"));
    SimModel.Image image = new SimModel.Image(nextId("image"), name, size);
    image.registeredAt = now();
    image.uid = u.id;
    image.gid = u.groupIds.isEmpty() ? 1 : u.groupIds.get(0);
    image.state = 4; // LOCKED
    image.datastoreId = imageDatastores.iterator().next();
    images.put(image.id, image);
    int backState = vm.state;
    int backLcm = vm.lcmState;
    transition(vm, ACTIVE, running ? 26 : vm.state == POWEROFF ? 27 : 28);
    later(
        vm,
        () -> {
          image.state = 1;
          transition(vm, backState, backLcm);
        });
    return image.id;
  }

  /** one.image.chown (admins): gives an image to a user and group (-1 keeps either). */
  synchronized int chownImageAs(User u, int imageId, int uid, int gid) {
    if (!u.isAdmin()) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform ADMIN IMAGE [" + imageId + "].",
          -1);
    }
    SimModel.Image i = image(imageId);
    if (uid >= 0) {
      i.uid = uid;
    }
    if (gid >= 0) {
      i.gid = gid;
    }
    return imageId;
  }

  /**
   * one.vm.chown: gives the VM to another user and group (-1 keeps either), as OpenNebula's ADMIN
   * right on the VM allows (oneadmin here); the user and group must exist.
   */
  synchronized int chownVmAs(User u, int vmId, int uid, int gid) {
    Vm vm = vm(vmId);
    if (!u.isAdmin()) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform ADMIN VM [" + vmId + "].",
          -1);
    }
    if (uid >= 0 && !users.containsKey(uid)) {
      throw new SimError(SimError.NO_EXISTS, "Error getting user [" + uid + "].", uid);
    }
    if (gid >= 0 && !groups.containsKey(gid)) {
      throw new SimError(SimError.NO_EXISTS, "Error getting group [" + gid + "].", gid);
    }
    if (uid >= 0) {
      vm.uid = uid;
    }
    if (gid >= 0) {
      vm.gid = gid;
    }
    return vmId;
  }

  /**
   * one.marketapp.allocate: an app of the export marketplace made from an image (ORIGIN_ID): LOCKED
   * while the image is copied there, then READY with its SOURCE, MD5 and SIZE.
   */
  synchronized int allocateMarketApp(User u, String text, int marketId) {
    if (marketId != EXPORT_MARKET_ID) {
      throw new SimError(
          SimError.NO_EXISTS, "Error getting marketplace [" + marketId + "].", marketId);
    }
    TemplateText t = TemplateText.parse(text);
    String origin = t.get("ORIGIN_ID", "");
    if (origin.isBlank()) {
      throw new SimError(SimError.ACTION, "Missing ORIGIN_ID for the MARKETPLACEAPP", -1);
    }
    SimModel.Image image = image(Integer.parseInt(origin.trim()));
    if (image.state != 1) {
      throw new SimError(SimError.ACTION, "Image is not in READY state", image.id);
    }
    int id = nextId("app");
    SimModel.MarketApp app =
        new SimModel.MarketApp(id, t.get("NAME", "app-" + id), image.sizeMib, "");
    app.uid = u.id;
    app.gid = u.groupIds.isEmpty() ? 0 : u.groupIds.get(0);
    app.state = 2;
    app.originImageId = image.id;
    app.marketId = marketId;
    marketApps.put(id, app);
    boolean fails = failNextExport;
    failNextExport = false;
    steps.schedule(
        () -> {
          synchronized (this) {
            if (fails) {
              app.state = 3;
              return;
            }
            app.source = marketBaseUrl + "/app-" + id;
            app.md5 = SimDisks.md5(id, image.sizeMib * bytesPerMib);
            app.state = 1;
          }
        },
        stepDelay.toMillis(),
        TimeUnit.MILLISECONDS);
    return id;
  }

  /** The app, or NO_EXISTS. */
  synchronized SimModel.MarketApp marketApp(int id) {
    SimModel.MarketApp app = marketApps.get(id);
    if (app == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting marketplace app [" + id + "].", id);
    }
    return app;
  }

  /** For tests: how many of the network's addresses are reserved for reservations of it. */
  public synchronized int reservedAddresses(int networkId) {
    return (int) network(networkId).leases.values().stream().filter(h -> h < 0).count();
  }

  /** one.vn.update: the owner (or an admin) changes the template; SECURITY_GROUPS is kept. */
  synchronized int updateNetwork(User u, int id, String text, int append) {
    SimModel.Network n = network(id);
    requireManage(u, n.uid, "NET", id);
    TemplateText t = TemplateText.parse(text);
    String groups = t.get("SECURITY_GROUPS", null);
    if (groups != null || append == 0) {
      n.securityGroups.clear();
      n.securityGroups.addAll(securityGroupIds(groups == null ? "" : groups));
    }
    if (t.get("NAME", null) != null && append == 0) {
      n.name = t.get("NAME", n.name);
    }
    return id;
  }

  synchronized SimModel.SecurityGroup securityGroup(int id) {
    SimModel.SecurityGroup g = securityGroups.get(id);
    if (g == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting security group [" + id + "].", id);
    }
    return g;
  }

  /** one.secgroup.allocate: CREATE SECGROUP needed; the rules checked as OpenNebula does. */
  synchronized int allocateSecurityGroup(User u, String text) {
    if (!acl.allows(u, SimAcl.SECGROUP, -1, -1, SimAcl.CREATE)) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform CREATE SECGROUP.",
          -1);
    }
    TemplateText t = TemplateText.parse(text);
    String name = t.get("NAME", "");
    if (name.isBlank()) {
      throw new SimError(SimError.ALLOCATE, "No NAME in template for Security Group.", -1);
    }
    if (securityGroups.values().stream().anyMatch(g -> g.uid == u.id && g.name.equals(name))) {
      throw new SimError(SimError.ALLOCATE, "NAME is already taken by SECGROUP " + name + ".", -1);
    }
    List<Map<String, String>> rules = checkedRules(t, SimError.ALLOCATE);
    SimModel.SecurityGroup g =
        new SimModel.SecurityGroup(nextId("secgroup"), name, u.id, u.primaryGroup());
    g.rules.addAll(rules);
    securityGroups.put(g.id, g);
    return g.id;
  }

  /** one.secgroup.update: the owner replaces (or appends to) the rules; VMs follow at once. */
  synchronized int updateSecurityGroup(User u, int id, String text, int append) {
    SimModel.SecurityGroup g = securityGroup(id);
    requireManage(u, g.uid, "SECGROUP", id);
    TemplateText t = TemplateText.parse(text);
    List<Map<String, String>> rules = checkedRules(t, SimError.INTERNAL);
    if (append == 0) {
      g.rules.clear();
    }
    g.rules.addAll(rules);
    g.commits++;
    return id;
  }

  private static List<Map<String, String>> checkedRules(TemplateText t, int code) {
    List<Map<String, String>> rules = new ArrayList<>();
    for (Map<String, String> rule : t.vector("RULE")) {
      String protocol = rule.getOrDefault("PROTOCOL", "").toUpperCase(Locale.ROOT);
      if (!List.of("TCP", "UDP", "ICMP", "ICMPV6", "IPSEC", "ALL").contains(protocol)) {
        throw new SimError(
            code, "Wrong PROTOCOL in rule. Valid options: TCP, UDP, ICMP, ICMPV6, IPSEC, ALL.", -1);
      }
      String range = rule.getOrDefault("RANGE", "");
      if (!range.isEmpty()) {
        if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
          throw new SimError(code, "RANGE is supported only for TCP and UDP protocols.", -1);
        }
        if (!range.matches("(([0-9]+|[0-9]+:[0-9]+),)*([0-9]+|[0-9]+:[0-9]+)")) {
          throw new SimError(code, "Invalid RANGE specification.", -1);
        }
        for (String part : range.split(",")) {
          String[] ends = part.split(":");
          if (Long.parseLong(ends[ends.length - 1]) > 65535) {
            throw new SimError(code, "RANGE out of bounds 0-65536.", -1);
          }
          if (ends.length == 2 && Long.parseLong(ends[1]) < Long.parseLong(ends[0])) {
            throw new SimError(code, "RANGE BEGIN value is greater than RANGE END value", -1);
          }
        }
      }
      String type = rule.getOrDefault("RULE_TYPE", "").toUpperCase(Locale.ROOT);
      if (!type.equals("INBOUND") && !type.equals("OUTBOUND")) {
        throw new SimError(code, "Wrong RULE_TYPE in rule. Valid options: INBOUND, OUTBOUND.", -1);
      }
      String ip = rule.getOrDefault("IP", "");
      if (!ip.isEmpty()) {
        // SIZE is an unsigned 32-bit number; IP an IPv4 or IPv6 address (inet_pton).
        String size = rule.getOrDefault("SIZE", "");
        if (!size.matches("[0-9]{1,10}") || Long.parseLong(size) > 0xFFFFFFFFL) {
          throw new SimError(code, "Wrong or empty SIZE.", -1);
        }
        if (!ip.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !isIpv6Literal(ip)) {
          throw new SimError(code, "Wrong format for IP value.", -1);
        }
      }
      rules.add(new LinkedHashMap<>(rule));
    }
    return rules;
  }

  private static boolean isIpv6Literal(String ip) {
    if (!ip.matches("[0-9a-fA-F:]{2,39}")) {
      return false;
    }
    try {
      return InetAddress.getByName(ip) instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** For tests: the firewall rules a VM's NICs carry now (each with its SECURITY_GROUP_ID). */
  public synchronized List<Map<String, String>> vmFirewall(int vmId) {
    List<Map<String, String>> rules = new ArrayList<>();
    Vm vm = vm(vmId);
    TreeSet<Integer> groupIds = new TreeSet<>();
    vm.nicSecurityGroups.forEach(groupIds::addAll);
    for (int id : groupIds) {
      SimModel.SecurityGroup g = securityGroups.get(id);
      if (g != null) {
        for (Map<String, String> rule : g.rules) {
          Map<String, String> r = new LinkedHashMap<>(rule);
          r.put("SECURITY_GROUP_ID", Integer.toString(id));
          rules.add(r);
        }
      }
    }
    return rules;
  }

  /** For tests: how many times a security group's rules were written. */
  public synchronized int securityGroupWrites(int id) {
    return securityGroup(id).commits;
  }

  /** For tests: the provider's operator replaces a group's rules (outside Federa). */
  public synchronized void replaceSecurityGroupRules(int id, List<Map<String, String>> rules) {
    SimModel.SecurityGroup g = securityGroup(id);
    g.rules.clear();
    rules.forEach(r -> g.rules.add(new LinkedHashMap<>(r)));
  }

  /** For tests: the network of each of a VM's NICs. */
  public synchronized List<Integer> vmNetworks(int vmId) {
    return List.copyOf(vm(vmId).networkIds);
  }

  /** For tests: the reservation a user made (by name), or -1. */
  /** For tests: the id of the group or user of that name, or -1. */
  public synchronized int accountNamed(String name) {
    for (Group g : groups.values()) {
      if (g.name.equals(name)) {
        return g.id;
      }
    }
    for (User u : users.values()) {
      if (u.name.equals(name)) {
        return u.id;
      }
    }
    return -1;
  }

  /** For tests: how many objects (VMs not done, templates, images, networks, ...) a group has. */
  public synchronized long objectsOfGroup(int gid) {
    return vms.values().stream().filter(v -> !v.isDone() && v.gid == gid).count()
        + templates.values().stream().filter(t -> t.gid == gid).count()
        + images.values().stream().filter(i -> i.gid == gid).count()
        + networks.values().stream().filter(n -> n.gid == gid).count()
        + securityGroups.values().stream().filter(g -> g.gid == gid).count()
        + marketApps.values().stream().filter(a -> a.gid == gid).count();
  }

  /** For tests: gives an image to a user and group (what the tenant left at the provider). */
  public synchronized void chownImage(int imageId, int uid, int gid) {
    SimModel.Image i = image(imageId);
    i.uid = uid;
    i.gid = gid;
  }

  public synchronized int networkNamed(String name) {
    return networks.values().stream()
        .filter(n -> n.name.equals(name))
        .mapToInt(n -> n.id)
        .findFirst()
        .orElse(-1);
  }

  // ------------------------------------------------------------------ VMs

  synchronized int allocateVm(User owner, String text, boolean hold) {
    TemplateText template = TemplateText.parse(text);
    List<String> refused = new ArrayList<>();
    authorizeVm(owner, template, refused);
    throwIfRefused(owner, refused);
    return allocateAuthorized(owner, template, hold);
  }

  private void authorizeCreateVm(User owner) {
    if (!acl.allows(owner, SimAcl.VM, -1, -1, SimAcl.CREATE)) {
      throwIfRefused(owner, List.of("Not authorized to perform CREATE VM"));
    }
  }

  /** What creating the VM needs besides CREATE VM: USE of each image and network it names. */
  private void authorizeVm(User owner, TemplateText template, List<String> refused) {
    for (Map<String, String> disk : template.vector("DISK")) {
      String id = disk.get("IMAGE_ID");
      if (id == null && disk.containsKey("IMAGE")) {
        id =
            images.values().stream()
                .filter(i -> i.name.equals(disk.get("IMAGE")))
                .map(i -> Integer.toString(i.id))
                .findFirst()
                .orElseThrow(
                    () ->
                        new SimError(
                            SimError.NO_EXISTS,
                            "Error getting image named " + disk.get("IMAGE") + ".",
                            -1));
      }
      SimModel.Image named = id == null ? null : images.get(Integer.parseInt(id.trim()));
      if (id != null
          && !(named != null && named.uid == owner.id) // an owner uses its own images
          && !acl.allows(owner, SimAcl.IMAGE, Integer.parseInt(id.trim()), 0, SimAcl.USE)) {
        refused.add("Not authorized to perform USE IMAGE [" + id + "]");
      }
    }
    for (Map<String, String> nic : template.vector("NIC")) {
      int id = networkId(nic);
      SimModel.Network named = networks.get(id);
      if (id >= 0
          && !(named != null && named.uid == owner.id)
          && !acl.allows(owner, SimAcl.NET, id, 0, SimAcl.USE)) {
        refused.add("Not authorized to perform USE NET [" + id + "]");
      }
    }
  }

  /** A NIC's network, by NETWORK_ID or by NETWORK name; -1 when it names none that exists. */
  private int networkId(Map<String, String> nic) {
    if (nic.containsKey("NETWORK_ID")) {
      return Integer.parseInt(nic.get("NETWORK_ID"));
    }
    return networks.values().stream()
        .filter(n -> n.name.equals(nic.get("NETWORK")))
        .mapToInt(n -> n.id)
        .findFirst()
        .orElse(-1);
  }

  private static void throwIfRefused(User owner, List<String> refused) {
    if (!refused.isEmpty()) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + owner.id + "] : " + String.join("; ", refused) + ".",
          -1);
    }
  }

  private int allocateAuthorized(User owner, TemplateText template, boolean hold) {
    authorizeCreateVm(owner);
    Vm vm =
        new Vm(nextId("vm"), template.get("NAME", ""), owner.id, owner.primaryGroup(), template);
    vm.cpu = Double.parseDouble(template.get("CPU", template.get("VCPU", "1")));
    vm.vcpu = Integer.parseInt(template.get("VCPU", "1"));
    vm.memoryMib = Long.parseLong(template.get("MEMORY", "128"));
    for (Map<String, String> disk : template.vector("DISK")) {
      vm.diskMib += Long.parseLong(disk.getOrDefault("SIZE", "0"));
      Map<String, String> filled = new LinkedHashMap<>(disk);
      SimModel.Image image = imageOfDisk(disk);
      if (image != null) {
        filled.put("IMAGE_ID", Integer.toString(image.id));
        filled.put("IMAGE", image.name);
        filled.putIfAbsent("SIZE", Long.toString(image.sizeMib));
        filled.put("DATASTORE_ID", Integer.toString(image.datastoreId));
      }
      filled.put("DISK_ID", Integer.toString(vm.disks.size()));
      vm.disks.add(filled);
    }
    if (vm.name.isBlank()) {
      vm.name = "one-" + vm.id;
    }
    for (Map.Entry<String, String> attribute : template.single.entrySet()) {
      if (attribute.getKey().startsWith("FEDERA_")) {
        vm.userTemplate.put(attribute.getKey(), attribute.getValue());
      }
    }
    List<Vm> ownedByUser =
        vms.values().stream().filter(v -> !v.isDone() && v.uid == owner.id).toList();
    List<Vm> ownedByGroup =
        vms.values().stream().filter(v -> !v.isDone() && v.gid == vm.gid).toList();
    checkQuota("User", owner.id, owner.quota, ownedByUser, vm);
    checkQuota("Group", vm.gid, groups.get(vm.gid).quota, ownedByGroup, vm);
    for (Map<String, String> nic : template.vector("NIC")) {
      int networkId = networkId(nic);
      SimModel.Network network = networks.get(networkId);
      if (network == null) {
        throw new SimError(
            SimError.NO_EXISTS, "Error getting virtual network [" + networkId + "].", networkId);
      }
    }
    for (Map<String, String> nic : template.vector("NIC")) {
      for (int sg : securityGroupIds(nic.getOrDefault("SECURITY_GROUPS", ""))) {
        SimModel.SecurityGroup group = securityGroups.get(sg);
        if (group == null) {
          throw new SimError(SimError.NO_EXISTS, "Error getting security group [" + sg + "].", sg);
        }
        if (!owner.isAdmin()
            && group.uid != owner.id
            && !acl.allows(owner, SimAcl.SECGROUP, sg, group.gid, SimAcl.USE)) {
          throw new SimError(
              SimError.AUTHORIZATION,
              "User [" + owner.id + "] : Not authorized to perform USE SECGROUP [" + sg + "].",
              -1);
        }
      }
    }
    List<String> leased = new ArrayList<>();
    try {
      for (Map<String, String> nic : template.vector("NIC")) {
        SimModel.Network network = networks.get(networkId(nic));
        leased.add(network.lease(vm.id));
        vm.networkIds.add(network.id);
        TreeSet<Integer> sgs =
            new TreeSet<>(securityGroupIds(nic.getOrDefault("SECURITY_GROUPS", "")));
        sgs.addAll(network.securityGroups);
        vm.nicSecurityGroups.add(new ArrayList<>(sgs));
      }
    } catch (SimError full) {
      vm.networkIds.forEach(n -> networks.get(n).release(vm.id));
      throw full;
    }
    vm.ips.addAll(leased);
    vm.stime = now();
    vm.state = hold ? HOLD : PENDING;
    vms.put(vm.id, vm);
    // OpenNebula acquires a VM's images when it is made: a non-persistent one is USED from then.
    for (Map<String, String> disk : template.vector("DISK")) {
      SimModel.Image image = imageOfDisk(disk);
      if (image != null && !image.persistent) {
        image.usedBy.add(vm.id);
        if (image.state == 1) {
          image.state = 2;
        }
      }
    }
    return vm.id;
  }

  /**
   * one.vm.resize: CPU, VCPU and MEMORY of a powered-off VM; with {@code enforce}, its host must
   * have room for what grows.
   */
  synchronized int resize(int vmId, String text, boolean enforce) {
    Vm vm = vm(vmId);
    if (vm.state != POWEROFF && vm.state != UNDEPLOYED) {
      throw new SimError(SimError.ACTION, "Cannot resize a VM in state " + stateName(vm), vmId);
    }
    TemplateText template = TemplateText.parse(text);
    double cpu = Double.parseDouble(template.get("CPU", String.valueOf(vm.cpu)));
    int vcpu = Integer.parseInt(template.get("VCPU", String.valueOf(vm.vcpu)));
    long memoryMib = Long.parseLong(template.get("MEMORY", String.valueOf(vm.memoryMib)));
    long cpuDelta = Math.round((cpu - vm.cpu) * 100);
    long memDeltaKib = (memoryMib - vm.memoryMib) * 1024;
    Host host = vm.hostId >= 0 && vm.state == POWEROFF ? hosts.get(vm.hostId) : null;
    if (enforce
        && host != null
        && (host.cpuUsage + cpuDelta > host.maxCpu
            || host.memUsageKib + memDeltaKib > host.maxMemKib)) {
      throw new SimError(
          SimError.ACTION,
          "Error resizing VM [" + vmId + "]: not enough capacity on host [" + host.id + "].",
          vmId);
    }
    if (host != null) {
      host.cpuUsage += cpuDelta;
      host.memUsageKib += memDeltaKib;
      // OpenNebula closes the stay and opens another on the same host, its running start and end
      // both now (seen on 7.5.80)
      History previous = vm.current();
      closeHistory(vm, RESIZE_ACTION);
      History h = openHistory(vm, previous.hostId, previous.hostName, previous.clusterId);
      h.rstime = h.stime;
      h.retime = h.stime;
      h.action = MIGRATE_ACTION;
    }
    vm.cpu = cpu;
    vm.vcpu = vcpu;
    vm.memoryMib = memoryMib;
    return vmId;
  }

  synchronized int instantiate(
      User owner, int templateId, String name, boolean hold, String extra) {
    SimModel.Template template = templates.get(templateId);
    if (template == null) {
      throw new SimError(
          SimError.NO_EXISTS, "Error getting VM template [" + templateId + "].", templateId);
    }
    // The extra template is merged as OpenNebula does: its attributes replace the template's.
    String given = (extra == null ? "" : extra);
    if (name != null && !name.isBlank()) {
      given += "\nNAME = \"" + name + "\"";
    }
    TemplateText parsed = TemplateText.parse(template.text).mergedWith(TemplateText.parse(given));
    // OpenNebula's order: USE of the template, CREATE TEMPLATE when extra attributes make a new
    // one, then what the VM itself needs.
    List<String> refused = new ArrayList<>();
    if (template.uid != owner.id
        && !acl.allows(owner, SimAcl.TEMPLATE, templateId, template.gid, SimAcl.USE)) {
      refused.add("Not authorized to perform USE TEMPLATE [" + templateId + "]");
    }
    if (extra != null
        && !extra.isBlank()
        && !acl.allows(owner, SimAcl.TEMPLATE, -1, -1, SimAcl.CREATE)) {
      refused.add("Not authorized to perform CREATE TEMPLATE");
    }
    authorizeVm(owner, parsed, refused);
    throwIfRefused(owner, refused);
    return allocateAuthorized(owner, parsed, hold);
  }

  Vm vm(int vmId) {
    Vm vm = vms.get(vmId);
    if (vm == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting virtual machine [" + vmId + "].", vmId);
    }
    return vm;
  }

  Host host(int hostId) {
    Host host = hosts.get(hostId);
    if (host == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting host [" + hostId + "].", hostId);
    }
    return host;
  }

  /** one.vm.deploy: a PENDING, HOLD, STOPPED or UNDEPLOYED VM to a chosen host. */
  synchronized int deploy(int vmId, int hostId, boolean enforce) {
    Vm vm = vm(vmId);
    Host host = host(hostId);
    if (vm.state != PENDING && vm.state != HOLD && vm.state != STOPPED && vm.state != UNDEPLOYED) {
      throw new SimError(
          SimError.ACTION, "Deploy action is not available for state " + stateName(vm), vmId);
    }
    if (enforce) {
      String misfit = misfit(host, vm);
      if (misfit != null) {
        throw new SimError(SimError.ACTION, doesNotFit(vmId, hostId, misfit), vmId);
      }
    }
    if (!freePciFor(host, vm, false)) {
      throw new SimError(
          SimError.ACTION,
          "Cannot deploy VM "
              + vmId
              + ": requested PCI devices are not free on host ["
              + hostId
              + "]",
          vmId);
    }
    place(vm, host);
    return vmId;
  }

  /** Why a VM does not fit on a host, in OpenNebula's words, or null. */
  private static String misfit(Host host, Vm vm) {
    long cpu = Math.round(vm.cpu * 100);
    long memKib = vm.memoryMib * 1024;
    if (host.maxCpu - host.cpuUsage < cpu) {
      return "Not enough CPU: " + (host.cpuUsage + cpu) + "/" + host.maxCpu;
    }
    if (host.maxMemKib - host.memUsageKib < memKib) {
      return "Not enough memory: " + (host.memUsageKib + memKib) + "/" + host.maxMemKib;
    }
    return null;
  }

  private static boolean freePciFor(Host host, Vm vm, boolean dryRun) {
    List<Pci> taken = new ArrayList<>();
    for (Map<String, String> request : vm.template.vector("PCI")) {
      Pci match =
          host.pci.stream()
              .filter(p -> p.vmId < 0 && !taken.contains(p) && p.matches(request))
              .findFirst()
              .orElse(null);
      if (match == null) {
        return false;
      }
      taken.add(match);
    }
    return true;
  }

  /**
   * one.vm.migrate of a powered-off VM (cold). As in OpenNebula it returns at once: the VM's stay
   * on the old host ends, one on the new host begins (capacity moves with it), and the VM passes
   * through ACTIVE/PROLOG_MIGRATE_POWEROFF (43) before it is POWEROFF there; a resize or resume
   * sent meanwhile is refused. An injected failure leaves it in 44, from where "recover failure"
   * takes it back to the previous host. With {@code enforce}, the host must have room for it.
   */
  synchronized int coldMigrate(int vmId, int hostId, boolean enforce) {
    Vm vm = vm(vmId);
    Host host = host(hostId);
    if (vm.state != POWEROFF) {
      throw new SimError(
          SimError.ACTION, "This action is not available for state " + stateName(vm), vmId);
    }
    if (host.id == vm.hostId) {
      return vmId;
    }
    boolean fails = admitMigration(vm, host, enforce);
    movePoweredOff(vm, host, POWEROFF_ACTION, fails);
    return vmId;
  }

  /**
   * Whether the host takes the migrating VM (with {@code enforce}, its capacity; its PCI devices
   * free there), as OpenNebula refuses it otherwise; and whether this migration is the injected
   * failure.
   */
  private boolean admitMigration(Vm vm, Host host, boolean enforce) {
    String misfit = enforce ? misfit(host, vm) : null;
    if (misfit != null) {
      throw new SimError(SimError.ACTION, doesNotFit(vm.id, host.id, misfit), vm.id);
    }
    if (!freePciFor(host, vm, false)) {
      throw new SimError(
          SimError.ACTION, "Requested PCI devices are not free on host [" + host.id + "]", vm.id);
    }
    boolean fails = failNextMigration;
    failNextMigration = false;
    return fails;
  }

  /**
   * one.vm.migrate of a RUNNING VM. Live: as OpenNebula, the VM's stay on the new host begins at
   * once (ACTIVE/MIGRATE, 4) and it runs there after a step, its old stay closed; an injected
   * failure brings it back, RUNNING on the old host in a record of its own (OpenNebula's "fail to
   * live migrate"). Cold (save): SAVE_MIGRATE (7) on the old host, then PROLOG_MIGRATE (8) on the
   * new one, BOOT_MIGRATE (35), RUNNING; an injected failure ends in PROLOG_MIGRATE_FAILURE (38),
   * from where "recover failure" boots it again on the old host.
   */
  synchronized int migrateRunning(int vmId, int hostId, boolean live, boolean enforce) {
    Vm vm = vm(vmId);
    Host host = host(hostId);
    if (host.id == vm.hostId) {
      throw new SimError(
          SimError.ACTION,
          "VM is already running on host [" + hostId + "] and datastore [0]",
          vmId);
    }
    boolean fails = admitMigration(vm, host, enforce);
    Host from = hosts.get(vm.hostId);
    if (live) {
      moveStay(vm, host, LIVE_MIGRATE_ACTION);
      vm.current().rstime = now();
      transition(vm, ACTIVE, MIGRATE);
      later(
          vm,
          () -> {
            if (fails) {
              moveStay(vm, from, LIVE_MIGRATE_ACTION);
              vm.current().rstime = now();
            }
            transition(vm, ACTIVE, RUNNING);
          });
      return vmId;
    }
    transition(vm, ACTIVE, SAVE_MIGRATE);
    later(
        vm,
        () ->
            copyTo(
                vm,
                host,
                MIGRATE_ACTION,
                PROLOG_MIGRATE,
                PROLOG_MIGRATE_FAILURE,
                fails,
                () -> bootMigrated(vm)));
    return vmId;
  }

  /** A VM copied to its host boots there (BOOT_MIGRATE) and runs after a step. */
  private void bootMigrated(Vm vm) {
    transition(vm, ACTIVE, BOOT_MIGRATE);
    later(
        vm,
        () -> {
          vm.current().rstime = now();
          transition(vm, ACTIVE, RUNNING);
        });
  }

  /**
   * A powered-off VM's stay moves to {@code host}; it passes through PROLOG_MIGRATE_POWEROFF and
   * rests POWEROFF there after a step, or ends in PROLOG_MIGRATE_POWEROFF_FAILURE.
   */
  private void movePoweredOff(Vm vm, Host host, int action, boolean fails) {
    copyTo(
        vm,
        host,
        action,
        PROLOG_MIGRATE_POWEROFF,
        PROLOG_MIGRATE_POWEROFF_FAILURE,
        fails,
        () -> transition(vm, POWEROFF, 0));
  }

  /**
   * The VM's stay moves to {@code host} and its disks are copied there (the {@code prolog} state);
   * after a step {@code copied} runs, or it ends in {@code failure}.
   */
  private void copyTo(
      Vm vm, Host host, int action, int prolog, int failure, boolean fails, Runnable copied) {
    moveStay(vm, host, action);
    vm.current().pstime = now();
    transition(vm, ACTIVE, prolog);
    later(
        vm,
        () -> {
          if (fails) {
            transition(vm, ACTIVE, failure);
            return;
          }
          vm.current().petime = now();
          copied.run();
        });
  }

  /**
   * Ends the VM's stay where it is and starts one on {@code host}, taking the capacity along. A
   * powered-off VM's records carry no running time: OpenNebula leaves the new record's running
   * start at 0 and sets its running end when the record is closed.
   */
  private void moveStay(Vm vm, Host host, int action) {
    vm.previousHostId = vm.hostId;
    closeHistory(vm, action);
    unplace(vm);
    occupy(vm, host);
    openHistory(vm, host.id, host.name, host.clusterId);
  }

  /** OpenNebula's words for a VM that does not fit a host. */
  static String doesNotFit(int vmId, int hostId, String misfit) {
    return "virtual machine [" + vmId + "] does not fit in host [" + hostId + "]. " + misfit;
  }

  /** Takes what the VM needs on the host: CPU, memory, disk and its PCI devices. */
  private void occupy(Vm vm, Host host) {
    vm.hostId = host.id;
    host.cpuUsage += Math.round(vm.cpu * 100);
    host.memUsageKib += vm.memoryMib * 1024;
    host.diskUsageMib += vm.diskMib;
    host.vmIds.add(vm.id);
    for (Map<String, String> request : vm.template.vector("PCI")) {
      Pci device =
          host.pci.stream().filter(p -> p.vmId < 0 && p.matches(request)).findFirst().orElseThrow();
      device.vmId = vm.id;
      vm.heldPci.add(device);
    }
  }

  private void place(Vm vm, Host host) {
    occupy(vm, host);
    History h = openHistory(vm, host.id, host.name, host.clusterId);
    h.pstime = h.stime;
    transition(vm, ACTIVE, PROLOG);
    later(
        vm,
        () -> {
          vm.current().petime = now();
          transition(vm, ACTIVE, BOOT);
          later(
              vm,
              () -> {
                if (failNextBootWith != null) {
                  transition(vm, ACTIVE, failNextBootWith);
                  failNextBootWith = null;
                  return;
                }
                vm.current().rstime = now();
                transition(vm, ACTIVE, RUNNING);
              });
        });
  }

  /** Gives back what a VM holds on its host. */
  private void unplace(Vm vm) {
    Host host = hosts.get(vm.hostId);
    if (host != null) {
      host.cpuUsage -= Math.round(vm.cpu * 100);
      host.memUsageKib -= vm.memoryMib * 1024;
      host.diskUsageMib -= vm.diskMib;
      host.vmIds.remove(Integer.valueOf(vm.id));
    }
    for (Pci device : vm.heldPci) {
      device.vmId = -1;
    }
    vm.heldPci.clear();
    vm.hostId = -1;
  }

  /**
   * Ends the VM's current stay. As OpenNebula 7.5 records it: a stay that never ran (a powered-off
   * VM moved there) gets a running end all the same, with its running start left at 0; epilog times
   * are set only when the VM leaves its host through an epilog (terminate, stop, undeploy).
   */
  private void closeHistory(Vm vm, int action) {
    History h = vm.current();
    if (h == null || h.etime > 0) {
      return;
    }
    long now = now();
    if (h.retime == 0) {
      h.retime = h.rstime > 0 ? now : h.stime;
    }
    if (h.petime == 0 && h.pstime > 0) {
      h.petime = now;
    }
    if (action != MIGRATE_ACTION
        && action != LIVE_MIGRATE_ACTION
        && action != RESIZE_ACTION
        && action != POWEROFF_ACTION) {
      h.estime = now;
      h.eetime = now;
    }
    h.etime = now;
    h.action = action;
  }

  /**
   * Scheduler pass: places PENDING VMs on MONITORED hosts that fit (striping: fewest VMs first).
   */
  void schedulePending() {
    synchronized (this) {
      for (Vm vm : vms.values()) {
        if (vm.state != PENDING) {
          continue;
        }
        String requirements = vm.template.get("SCHED_REQUIREMENTS", "");
        Host chosen = null;
        try {
          chosen =
              hosts.values().stream()
                  .filter(h -> h.state == 2)
                  .filter(h -> misfit(h, vm) == null)
                  .filter(h -> freePciFor(h, vm, true))
                  .filter(h -> SchedRequirements.holds(requirements, variables(h)))
                  .min(
                      Comparator.comparingInt((Host h) -> h.vmIds.size())
                          .thenComparingInt(h -> h.id))
                  .orElse(null);
          vm.schedMessage =
              chosen == null ? "Cannot dispatch VM: No host with enough capacity" : "";
        } catch (IllegalArgumentException e) {
          vm.schedMessage = "Cannot dispatch VM: " + e.getMessage();
        }
        if (chosen != null) {
          place(vm, chosen);
        }
      }
    }
  }

  private Map<String, String> variables(Host host) {
    Map<String, String> v = new HashMap<>(host.template);
    Cluster cluster = clusters.get(host.clusterId);
    if (cluster != null) {
      v.putAll(cluster.template);
      v.put("CLUSTER", cluster.name);
    }
    v.put("ID", Integer.toString(host.id));
    v.put("NAME", host.name);
    v.put("CLUSTER_ID", Integer.toString(host.clusterId));
    v.put("MAX_CPU", Long.toString(host.maxCpu));
    v.put("CPU_USAGE", Long.toString(host.cpuUsage));
    v.put("MAX_MEM", Long.toString(host.maxMemKib));
    v.put("MEM_USAGE", Long.toString(host.memUsageKib));
    v.put("FREE_CPU", Long.toString(host.maxCpu - host.cpuUsage));
    v.put("RUNNING_VMS", Integer.toString(host.vmIds.size()));
    return v;
  }

  /** one.vm.action. Existence was checked by the caller; the action name and the state here. */
  synchronized int action(String action, int vmId) {
    Vm vm = vm(vmId);
    boolean running = vm.state == ACTIVE && vm.lcmState == RUNNING;
    switch (action) {
      case "terminate", "terminate-hard" -> {
        if (vm.state == ACTIVE && (vm.lcmState == RUNNING || action.equals("terminate-hard"))) {
          transition(vm, ACTIVE, SHUTDOWN);
          later(
              vm,
              () -> {
                transition(vm, ACTIVE, EPILOG);
                later(vm, () -> finish(vm, 1));
              });
        } else if (vm.state == PENDING
            || vm.state == HOLD
            || vm.state == POWEROFF
            || vm.state == STOPPED
            || vm.state == SUSPENDED
            || vm.state == UNDEPLOYED
            || (vm.state == ACTIVE && vm.lcmState >= 36)) {
          finish(vm, 1);
        } else {
          throw notAvailable(vm);
        }
      }
      case "poweroff", "poweroff-hard" -> {
        requireState(vm, running || (vm.state == SUSPENDED));
        transition(vm, ACTIVE, SHUTDOWN_POWEROFF);
        later(
            vm,
            () -> {
              stopRunning(vm);
              transition(vm, POWEROFF, 0);
            });
      }
      case "resume" -> {
        requireState(
            vm,
            vm.state == POWEROFF
                || vm.state == SUSPENDED
                || vm.state == STOPPED
                || vm.state == UNDEPLOYED);
        if (vm.state == STOPPED || vm.state == UNDEPLOYED) {
          transition(vm, PENDING, 0); // rescheduled, as OpenNebula does
        } else {
          int booting = vm.state == POWEROFF ? BOOT_POWEROFF : BOOT_SUSPENDED;
          transition(vm, ACTIVE, booting);
          later(
              vm,
              () -> {
                startRunning(vm);
                transition(vm, ACTIVE, RUNNING);
              });
        }
      }
      case "reboot", "reboot-hard" -> {
        requireState(vm, running);
        transition(vm, ACTIVE, RUNNING);
      }
      case "suspend" -> {
        requireState(vm, running);
        transition(vm, ACTIVE, SAVE_SUSPEND);
        later(
            vm,
            () -> {
              stopRunning(vm);
              transition(vm, SUSPENDED, 0);
            });
      }
      case "stop" -> {
        requireState(vm, running || vm.state == SUSPENDED);
        transition(vm, ACTIVE, SAVE_STOP);
        later(
            vm,
            () -> {
              transition(vm, ACTIVE, EPILOG_STOP);
              later(
                  vm,
                  () -> {
                    closeHistory(vm, 7);
                    unplace(vm);
                    transition(vm, STOPPED, 0);
                  });
            });
      }
      case "undeploy", "undeploy-hard" -> {
        requireState(vm, running || vm.state == POWEROFF);
        transition(vm, ACTIVE, SHUTDOWN_UNDEPLOY);
        later(
            vm,
            () -> {
              closeHistory(vm, 8);
              unplace(vm);
              transition(vm, UNDEPLOYED, 0);
            });
      }
      case "hold" -> {
        requireState(vm, vm.state == PENDING);
        transition(vm, HOLD, 0);
      }
      case "release" -> {
        requireState(vm, vm.state == HOLD);
        transition(vm, PENDING, 0);
      }
      case "resched" -> {
        requireState(vm, running || vm.state == POWEROFF);
        vm.resched = 1;
      }
      case "unresched" -> {
        requireState(vm, running || vm.state == POWEROFF);
        vm.resched = 0;
      }
      default ->
          throw new SimError(SimError.ACTION, "Action \"" + action + "\" is not supported", vmId);
    }
    return vmId;
  }

  /** one.vm.recover. */
  synchronized int recover(int vmId, int operation) {
    Vm vm = vm(vmId);
    if (vm.state == DONE && operation != 3 && operation != 5) {
      throw new SimError(
          SimError.ACTION,
          "Could not perform a recover operation on VM " + vmId + ", wrong state DONE.",
          vmId);
    }
    switch (operation) {
      case 0 -> { // failure
        requireState(vm, vm.state == ACTIVE);
        if (vm.lcmState == PROLOG_MIGRATE_POWEROFF_FAILURE
            || vm.lcmState == PROLOG_MIGRATE_POWEROFF) {
          // back to the host it came from, powered off, in a record of its own
          movePoweredOff(vm, hosts.get(vm.previousHostId), MIGRATE_ACTION, false);
          return vmId;
        }
        if (vm.lcmState == PROLOG_MIGRATE_FAILURE) {
          // back to the host it came from, booted again there, in a record of its own
          moveStay(vm, hosts.get(vm.previousHostId), MIGRATE_ACTION);
          bootMigrated(vm);
          return vmId;
        }
        transition(vm, ACTIVE, vm.lcmState == BOOT ? BOOT_FAILURE : PROLOG_FAILURE);
      }
      case 1 -> { // success
        requireState(vm, vm.state == ACTIVE);
        if (vm.lcmState == RUNNING) {
          return vmId; // accepted, and nothing happens
        }
        if (vm.lcmState == PROLOG_MIGRATE_POWEROFF
            || vm.lcmState == PROLOG_MIGRATE_POWEROFF_FAILURE) {
          vm.current().petime = now();
          transition(vm, POWEROFF, 0);
          return vmId;
        }
        vm.current().rstime = now();
        transition(vm, ACTIVE, RUNNING);
      }
      case 2 -> { // retry
        requireState(vm, vm.state == ACTIVE && vm.lcmState >= 36);
        transition(vm, ACTIVE, BOOT);
        later(
            vm,
            () -> {
              vm.current().rstime = now();
              transition(vm, ACTIVE, RUNNING);
            });
      }
      case 3, 5 -> { // delete, delete-db; a VM that is DONE already stays as it is
        if (vm.state != DONE) {
          finish(vm, 1);
        }
      }
      case 4 -> { // delete-recreate
        closeHistory(vm, 1);
        unplace(vm);
        transition(vm, PENDING, 0);
      }
      default ->
          throw new SimError(SimError.RPC_API, "Wrong recover operation code " + operation, vmId);
    }
    return vmId;
  }

  private void finish(Vm vm, int action) {
    // A persistent image is saved back and released; it stays, READY for another VM. A
    // non-persistent one is READY again once no VM uses it.
    for (SimModel.Image image : images.values()) {
      if (image.vmId == vm.id) {
        image.vmId = -1;
        image.state = 1;
      }
      if (image.usedBy.remove(vm.id) && image.usedBy.isEmpty() && image.state == 2) {
        image.state = 1;
      }
    }
    closeHistory(vm, action);
    unplace(vm);
    for (int networkId : vm.networkIds) {
      networks.get(networkId).release(vm.id);
    }
    vm.etime = now();
    transition(vm, DONE, 0);
  }

  private void stopRunning(Vm vm) {
    History h = vm.current();
    if (h != null && h.rstime > 0 && h.retime == 0) {
      h.retime = now();
    }
  }

  /** Back to RUNNING on the same host: OpenNebula opens a new history record. */
  private void startRunning(Vm vm) {
    History previous = vm.current();
    if (previous == null) {
      return;
    }
    closeHistory(vm, 9);
    History h = openHistory(vm, previous.hostId, previous.hostName, previous.clusterId);
    h.rstime = h.stime;
  }

  /** A new stay of the VM on a host, starting now, as OpenNebula's history records count them. */
  private History openHistory(Vm vm, int hostId, String hostName, int clusterId) {
    History h = new History();
    h.seq = vm.history.size();
    h.hostId = hostId;
    h.hostName = hostName;
    h.clusterId = clusterId;
    h.stime = now();
    vm.history.add(h);
    return h;
  }

  private void requireState(Vm vm, boolean allowed) {
    if (!allowed) {
      throw notAvailable(vm);
    }
  }

  private SimError notAvailable(Vm vm) {
    return new SimError(
        SimError.ACTION, "This action is not available for state " + stateName(vm), vm.id);
  }

  static String stateName(Vm vm) {
    if (vm.state == ACTIVE) {
      return LcmState.of(vm.lcmState).name();
    }
    return switch (vm.state) {
      case PENDING -> "PENDING";
      case HOLD -> "HOLD";
      case ACTIVE -> "ACTIVE";
      case STOPPED -> "STOPPED";
      case SUSPENDED -> "SUSPENDED";
      case DONE -> "DONE";
      case POWEROFF -> "POWEROFF";
      case UNDEPLOYED -> "UNDEPLOYED";
      default -> "STATE_" + vm.state;
    };
  }

  private void transition(Vm vm, int state, int lcmState) {
    vm.prevState = vm.state;
    vm.prevLcmState = vm.lcmState;
    vm.state = state;
    vm.lcmState = lcmState;
    vm.generation++;
    if (state == ACTIVE
        && lcmState == RUNNING
        && "TRAINING".equals(vm.userTemplate.get("FEDERA_SERVICE"))
        && !vm.userTemplate.containsKey("FEDERA_JOB_STATUS")) {
      trainingAppliance(vm.id);
    }
  }

  // ------------------------------------------------------------------ appliances' reports

  private volatile Duration trainingDuration = Duration.ofSeconds(2);
  private volatile boolean trainingFails;

  /** How long a training appliance's job runs once its VM runs, before it reports its end. */
  public void setTrainingDuration(Duration duration) {
    trainingDuration = duration;
  }

  /** Training jobs from now on end FAILED instead of SUCCEEDED. */
  public void failTrainingJobs(boolean fail) {
    trainingFails = fail;
  }

  /** one.vm.update: {@code attributes} merged into the VM's user template, or replacing it. */
  public synchronized int updateUserTemplate(
      int vmId, Map<String, String> attributes, boolean merge) {
    Vm vm = vm(vmId);
    if (!merge) {
      vm.userTemplate.clear();
    }
    vm.userTemplate.putAll(attributes);
    return vmId;
  }

  /**
   * The training runner appliance of a VM that now runs: like the real one, it reports on its own
   * VM (one.vm.update through OneGate) that the job runs, its log as it goes, and its end with the
   * output's location, while the VM runs.
   */
  private void trainingAppliance(int vmId) {
    long total = trainingDuration.toMillis();
    String dataset = vms.get(vmId).userTemplate.getOrDefault("FEDERA_DATASET", "?");
    report(vmId, 50, "RUNNING", "loading " + dataset + "\nepoch 1/3 loss 1.92", null);
    report(vmId, total / 2, "RUNNING", "epoch 1/3 loss 1.92\nepoch 2/3 loss 1.41", null);
    steps.schedule(
        () -> {
          boolean failed = trainingFails;
          reportNow(
              vmId,
              failed ? "FAILED" : "SUCCEEDED",
              failed
                  ? "epoch 2/3 loss 1.41\nCUDA error: out of memory"
                  : "epoch 2/3 loss 1.41\nepoch 3/3 loss 1.12\nsaved model",
              failed ? null : "s3://federa-training/vm-" + vmId + "/model/");
        },
        Math.max(100, total),
        TimeUnit.MILLISECONDS);
  }

  private void report(int vmId, long afterMillis, String status, String log, String output) {
    steps.schedule(() -> reportNow(vmId, status, log, output), afterMillis, TimeUnit.MILLISECONDS);
  }

  private synchronized void reportNow(int vmId, String status, String log, String output) {
    Vm vm = vms.get(vmId);
    if (vm == null || vm.state != ACTIVE || vm.lcmState != RUNNING) {
      return; // the appliance is not running
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("FEDERA_JOB_STATUS", status);
    attributes.put("FEDERA_JOB_LOG", log);
    if (output != null) {
      attributes.put("FEDERA_JOB_OUTPUT", output);
    }
    updateUserTemplate(vmId, attributes, true);
  }

  // ------------------------------------------------------------------ images and disk hot-plug

  /** Datastores images may be allocated in (OpenNebula's "default" image datastore is 1). */
  final Set<Integer> imageDatastores = new TreeSet<>(Set.of(1));

  private boolean failNextAttach;

  /** The next disk hot-plug fails at the hypervisor: the VM comes back without the disk. */
  public synchronized void failNextAttach() {
    failNextAttach = true;
  }

  /** The VM's disks as OpenNebula lists them (DISK_ID, IMAGE_ID, SIZE, ...). */
  public synchronized List<Map<String, String>> vmDisks(int vmId) {
    return vm(vmId).disks.stream().map(d -> Map.copyOf(d)).toList();
  }

  /** The image's state (1 READY, 4 LOCKED, 8 USED_PERS), or -1 when it does not exist. */
  public synchronized int imageState(int imageId) {
    SimModel.Image image = images.get(imageId);
    return image == null ? -1 : image.state;
  }

  /** Ids of the images a user owns whose name starts with {@code prefix}. */
  public synchronized List<Integer> imagesNamed(String prefix) {
    return images.values().stream().filter(i -> i.name.startsWith(prefix)).map(i -> i.id).toList();
  }

  /** The image a template's DISK names by IMAGE_ID or IMAGE, or null for a volatile disk. */
  private SimModel.Image imageOfDisk(Map<String, String> disk) {
    if (disk.containsKey("IMAGE_ID")) {
      return images.get(Integer.parseInt(disk.get("IMAGE_ID").trim()));
    }
    String name = disk.get("IMAGE");
    return name == null
        ? null
        : images.values().stream().filter(i -> i.name.equals(name)).findFirst().orElse(null);
  }

  synchronized SimModel.Image image(int imageId) {
    SimModel.Image image = images.get(imageId);
    if (image == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting image [" + imageId + "].", imageId);
    }
    return image;
  }

  /** Owner, oneadmin, or a USE rule: what reading or attaching an image needs. */
  synchronized boolean mayUse(User u, SimModel.Image image) {
    return u.isAdmin()
        || image.uid == u.id
        || acl.allows(u, SimAcl.IMAGE, image.id, image.gid, SimAcl.USE);
  }

  /**
   * one.image.allocate: a DATABLOCK of SIZE MiB is LOCKED while the datastore makes it, then READY.
   * Names are unique per owner.
   */
  synchronized int allocateImage(User u, String text, int datastoreId) {
    if (!acl.allows(u, SimAcl.IMAGE, -1, -1, SimAcl.CREATE)) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform CREATE IMAGE.",
          -1);
    }
    if (datastoreId == 0 || datastoreId == 2) {
      throw new SimError(
          SimError.ALLOCATE,
          "Error allocating a new image. New images can only be allocated in a files or image"
              + " datastore.",
          -1);
    }
    if (!imageDatastores.contains(datastoreId)) {
      throw new SimError(
          SimError.NO_EXISTS, "Error getting datastore [" + datastoreId + "].", datastoreId);
    }
    if (!u.isAdmin() && !acl.allows(u, SimAcl.DATASTORE, datastoreId, 0, SimAcl.USE)) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform USE DATASTORE [" + datastoreId + "].",
          -1);
    }
    TemplateText t = TemplateText.parse(text);
    String name = t.get("NAME", "");
    if (name.isBlank()) {
      throw new SimError(
          SimError.ALLOCATE, "Error allocating a new image. No NAME in template.", -1);
    }
    for (SimModel.Image other : images.values()) {
      if (other.uid == u.id && other.name.equals(name)) {
        throw new SimError(
            SimError.ALLOCATE,
            "Error allocating a new image. NAME is already taken by IMAGE " + other.id + ".",
            -1);
      }
    }
    String path = t.get("PATH", "").trim();
    if (!path.isEmpty()) {
      // An OS image or a datablock from a file the datastore downloads (its size is the file's).
      return downloadImage(
          u,
          name,
          path,
          datastoreId,
          "DATABLOCK".equalsIgnoreCase(t.get("TYPE", "")) ? 2 : 0,
          "YES".equalsIgnoreCase(t.get("PERSISTENT", "NO")));
    }
    long size;
    try {
      size = Long.parseLong(t.get("SIZE", "0").trim());
    } catch (NumberFormatException e) {
      size = 0;
    }
    if (!"DATABLOCK".equalsIgnoreCase(t.get("TYPE", "")) || size <= 0) {
      throw new SimError(
          SimError.ALLOCATE,
          "Error allocating a new image. SIZE attribute must be set for DATABLOCK images.",
          -1);
    }
    SimModel.Image image = new SimModel.Image(nextId("image"), name, size);
    image.uid = u.id;
    image.gid = u.primaryGroup();
    image.type = 2;
    image.state = 4;
    image.persistent = "YES".equalsIgnoreCase(t.get("PERSISTENT", "NO"));
    image.datastoreId = datastoreId;
    images.put(image.id, image);
    steps.schedule(
        () -> {
          synchronized (this) {
            if (image.state == 4) {
              image.state = 1;
            }
          }
        },
        stepDelay.toMillis(),
        TimeUnit.MILLISECONDS);
    return image.id;
  }

  private final java.net.http.HttpClient downloader =
      java.net.http.HttpClient.newBuilder()
          .connectTimeout(java.time.Duration.ofSeconds(5))
          .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
          .build();

  /**
   * one.image.allocate of an image (an OS image, or a datablock) from an http(s) PATH, as
   * OpenNebula's datastore drivers do it: the size is asked first (a PATH that does not answer is
   * refused at once, like the driver's stat), then the image is LOCKED while the bytes are
   * downloaded, and READY once they all came, or ERROR when the download failed.
   */
  private int downloadImage(
      User u, String name, String path, int datastoreId, int type, boolean persistent) {
    if (!path.startsWith("http://") && !path.startsWith("https://")) {
      throw new SimError(
          SimError.ALLOCATE, "Error allocating a new image. Cannot parse image SIZE: " + path, -1);
    }
    long bytes;
    try {
      java.net.http.HttpResponse<Void> head =
          downloader.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(path))
                  .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                  .timeout(java.time.Duration.ofSeconds(10))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
      if (head.statusCode() != 200) {
        throw new java.io.IOException("HTTP " + head.statusCode());
      }
      bytes = head.headers().firstValueAsLong("Content-Length").orElse(-1);
    } catch (java.io.IOException | InterruptedException | IllegalArgumentException e) {
      throw new SimError(
          SimError.ALLOCATE,
          "Error allocating a new image. Cannot parse image SIZE: " + e.getMessage(),
          -1);
    }
    SimModel.Image image =
        new SimModel.Image(nextId("image"), name, Math.max(1, (bytes + (1 << 20) - 1) >> 20));
    image.uid = u.id;
    image.gid = u.primaryGroup();
    image.type = type;
    image.persistent = persistent;
    image.state = 4;
    image.datastoreId = datastoreId;
    images.put(image.id, image);
    downloads.execute(
        () -> {
          boolean complete;
          try {
            java.net.http.HttpResponse<java.io.InputStream> got =
                downloader.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(path))
                        .timeout(java.time.Duration.ofMinutes(10))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            long received;
            try (java.io.InputStream in = got.body()) {
              received = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            complete = got.statusCode() == 200 && (bytes < 0 || received == bytes);
            importedBytes.addAndGet(received);
          } catch (java.io.IOException | InterruptedException e) {
            complete = false;
          }
          synchronized (this) {
            if (image.state == 4) {
              image.state = complete ? 1 : 5;
            }
          }
        });
    return image.id;
  }

  /** The datastore's downloads run beside the provider's steps, never blocking them. */
  private final java.util.concurrent.ExecutorService downloads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "one-sim-download");
            t.setDaemon(true);
            return t;
          });

  /** Bytes the provider downloaded into images from http PATHs (imported disks). */
  public final java.util.concurrent.atomic.AtomicLong importedBytes =
      new java.util.concurrent.atomic.AtomicLong();

  /** one.image.delete: refused while a VM uses it. */
  synchronized int deleteImage(User u, int imageId) {
    SimModel.Image image = image(imageId);
    requireManage(u, image.uid, "IMAGE", imageId);
    if (image.vmId >= 0 || !image.usedBy.isEmpty()) {
      throw new SimError(
          SimError.ACTION,
          "Cannot delete image. There are " + Math.max(1, image.usedBy.size()) + " VMs using it.",
          imageId);
    }
    images.remove(imageId);
    if (image.backupOfVm >= 0 && vms.containsKey(image.backupOfVm)) {
      // OpenNebula removes a deleted backup image from its VM's BACKUPS.
      vms.get(image.backupOfVm).backupIds.remove(Integer.valueOf(imageId));
    }
    return imageId;
  }

  /**
   * one.vm.attach of an image: a RUNNING VM goes to HOTPLUG, a powered-off one to
   * HOTPLUG_PROLOG_POWEROFF, with the disk (ATTACH=YES) already in its template; after the step
   * delay it is back, with the disk or, when the hot-plug failed, without it.
   */
  synchronized int attachDisk(User u, int vmId, String text) {
    Vm vm = vm(vmId);
    boolean running = vm.state == ACTIVE && vm.lcmState == 3;
    if (!running && vm.state != POWEROFF) {
      throw new SimError(
          SimError.ACTION,
          "Could not attach a new disk to VM " + vmId + ", wrong state " + stateName(vm) + ".",
          vmId);
    }
    List<Map<String, String>> asked = TemplateText.parse(text).vector("DISK");
    if (asked.size() != 1 || !asked.get(0).containsKey("IMAGE_ID")) {
      throw new SimError(SimError.ACTION, "Wrong number of DISK attributes.", vmId);
    }
    int imageId = Integer.parseInt(asked.get(0).get("IMAGE_ID").trim());
    SimModel.Image image = images.get(imageId);
    if (image == null) {
      throw new SimError(SimError.ACTION, "Image with ID: " + imageId + " does not exist", vmId);
    }
    if (!mayUse(u, image)) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform USE IMAGE [" + imageId + "].",
          -1);
    }
    if (image.state == 4) {
      throw new SimError(
          SimError.ACTION, "Cannot acquire image " + imageId + ", it is locked", vmId);
    }
    if (image.persistent && image.vmId >= 0) {
      throw new SimError(
          SimError.ACTION,
          "Cannot acquire image " + imageId + ", it is persistent and already in use",
          vmId);
    }
    int diskId =
        vm.disks.stream().mapToInt(d -> Integer.parseInt(d.get("DISK_ID"))).max().orElse(-1) + 1;
    Map<String, String> disk = new LinkedHashMap<>();
    disk.put("DISK_ID", Integer.toString(diskId));
    disk.put("IMAGE_ID", Integer.toString(imageId));
    disk.put("IMAGE", image.name);
    disk.put("SIZE", Long.toString(image.sizeMib));
    disk.put("DATASTORE_ID", Integer.toString(image.datastoreId));
    disk.put("PERSISTENT", image.persistent ? "YES" : "NO");
    disk.put("ATTACH", "YES");
    vm.disks.add(disk);
    if (image.persistent) {
      image.vmId = vm.id;
      image.state = 8;
      // The image's snapshots become the disk's, and go back to it when it is detached.
      vm.diskSnapshots.put(diskId, image.snapshots);
    }
    boolean fails = failNextAttach;
    failNextAttach = false;
    int backState = running ? ACTIVE : POWEROFF;
    int backLcm = running ? 3 : 0;
    transition(vm, ACTIVE, running ? 17 : 33);
    later(
        vm,
        () -> {
          if (fails) {
            vm.disks.remove(disk);
            vm.diskSnapshots.remove(diskId);
            if (image.vmId == vm.id) {
              image.vmId = -1;
              image.state = 1;
            }
          } else {
            disk.remove("ATTACH");
          }
          transition(vm, backState, backLcm);
        });
    return vmId;
  }

  /** one.vm.detach: HOTPLUG (or HOTPLUG_EPILOG_POWEROFF), then the disk is gone, its image free. */
  synchronized int detachDisk(User u, int vmId, int diskId) {
    Vm vm = vm(vmId);
    boolean running = vm.state == ACTIVE && vm.lcmState == 3;
    if (!running && vm.state != POWEROFF) {
      throw new SimError(
          SimError.ACTION,
          "Could not detach disk from VM " + vmId + ", wrong state " + stateName(vm) + ".",
          vmId);
    }
    Map<String, String> disk =
        vm.disks.stream()
            .filter(d -> d.get("DISK_ID").equals(Integer.toString(diskId)))
            .findFirst()
            .orElseThrow(() -> new SimError(SimError.ACTION, "VM disk does not exist", vmId));
    int backState = running ? ACTIVE : POWEROFF;
    int backLcm = running ? 3 : 0;
    transition(vm, ACTIVE, running ? 17 : 34);
    later(
        vm,
        () -> {
          vm.disks.remove(disk);
          vm.diskSnapshots.remove(diskId);
          SimModel.Image image = imageOfDisk(disk);
          if (image != null && image.vmId == vm.id) {
            image.vmId = -1;
            image.state = 1;
          }
          transition(vm, backState, backLcm);
        });
    return vmId;
  }

  // ------------------------------------------------------------------ disk snapshots

  private boolean failNextDiskSnapshot;

  /** The next disk snapshot fails at the driver: the VM comes back without it. */
  public synchronized void failNextDiskSnapshot() {
    failNextDiskSnapshot = true;
  }

  /** The snapshots of a VM's disks (DISK_ID, ID, NAME, SIZE, ACTIVE). */
  public synchronized List<Map<String, String>> vmDiskSnapshots(int vmId) {
    List<Map<String, String>> out = new ArrayList<>();
    vm(vmId).diskSnapshots.forEach((diskId, snapshots) -> out.addAll(snapshots.describe(diskId)));
    return out;
  }

  /** The snapshots an image keeps (ID, NAME, SIZE, ACTIVE); a volume's once it is detached. */
  public synchronized List<Map<String, String>> imageSnapshots(int imageId) {
    return image(imageId).snapshots.describe(-1);
  }

  /** How many times a disk was put back to a snapshot. */
  public synchronized int diskReverts(int vmId) {
    return vm(vmId).diskReverts;
  }

  /** How many times an image was put back to one of its snapshots (one.image.snapshotrevert). */
  public synchronized int imageReverts(int imageId) {
    return image(imageId).reverts;
  }

  private Map<String, String> disk(Vm vm, int diskId) {
    return vm.disks.stream()
        .filter(d -> d.get("DISK_ID").equals(Integer.toString(diskId)))
        .findFirst()
        .orElseThrow(
            () -> new SimError(SimError.ACTION, "Disk " + diskId + " does not exist", vm.id));
  }

  /** one.vm.disksnapshotcreate: RUNNING or POWEROFF; listed at once, gone again if it fails. */
  synchronized int createDiskSnapshot(int vmId, int diskId, String name) {
    Vm vm = vm(vmId);
    boolean running = vm.state == ACTIVE && vm.lcmState == 3;
    if (!running && vm.state != POWEROFF) {
      throw new SimError(
          SimError.ACTION,
          "Could not create a new snapshot for VM " + vmId + ", wrong state " + stateName(vm) + ".",
          vmId);
    }
    Map<String, String> disk = disk(vm, diskId);
    SimSnapshots snapshots = vm.diskSnapshots.computeIfAbsent(diskId, d -> new SimSnapshots());
    SimSnapshots.Snap snapshot =
        snapshots.create(name, Long.parseLong(disk.getOrDefault("SIZE", "0")), now());
    boolean fails = failNextDiskSnapshot;
    failNextDiskSnapshot = false;
    int backState = running ? ACTIVE : POWEROFF;
    int backLcm = running ? 3 : 0;
    transition(vm, ACTIVE, running ? 57 : 51);
    later(
        vm,
        () -> {
          if (fails) {
            snapshots.remove(snapshot.id);
          } else {
            snapshots.activate(snapshot.id);
          }
          transition(vm, backState, backLcm);
        });
    return snapshot.id;
  }

  private SimSnapshots snapshotsOf(Vm vm, int diskId, int snapshotId) {
    SimSnapshots snapshots = vm.diskSnapshots.get(diskId);
    if (snapshots == null || snapshots.get(snapshotId).isEmpty()) {
      throw new SimError(
          SimError.ACTION,
          "Disk id (" + diskId + ") or snapshot id (" + snapshotId + ") is not valid.",
          vm.id);
    }
    return snapshots;
  }

  /** one.vm.disksnapshotrevert: only while powered off (DISK_SNAPSHOT_REVERT_POWEROFF). */
  synchronized int revertDiskSnapshot(int vmId, int diskId, int snapshotId) {
    Vm vm = vm(vmId);
    if (vm.state != POWEROFF) {
      throw new SimError(
          SimError.ACTION,
          "Could not revert to disk snapshot for VM "
              + vmId
              + ", wrong state "
              + stateName(vm)
              + ".",
          vmId);
    }
    SimSnapshots snapshots = snapshotsOf(vm, diskId, snapshotId);
    transition(vm, ACTIVE, 52);
    later(
        vm,
        () -> {
          vm.diskReverts++;
          snapshots.activate(snapshotId);
          transition(vm, POWEROFF, 0);
        });
    return vmId;
  }

  /**
   * one.vm.disksnapshotdelete: RUNNING (DISK_SNAPSHOT_DELETE) or powered off, and only what
   * OpenNebula's rules allow (never snapshot 0 of a persistent image's disk).
   */
  synchronized int deleteDiskSnapshot(int vmId, int diskId, int snapshotId) {
    Vm vm = vm(vmId);
    boolean running = vm.state == ACTIVE && vm.lcmState == 3;
    if (!running && vm.state != POWEROFF) {
      throw new SimError(
          SimError.ACTION,
          "Could not delete disk snapshot from VM " + vmId + ", wrong state " + stateName(vm) + ".",
          vmId);
    }
    SimSnapshots snapshots = snapshotsOf(vm, diskId, snapshotId);
    String refusal =
        snapshots.refusalOnDisk(snapshotId, "YES".equals(disk(vm, diskId).get("PERSISTENT")));
    if (refusal != null) {
      throw new SimError(SimError.ACTION, refusal, vmId);
    }
    int backState = running ? ACTIVE : POWEROFF;
    int backLcm = running ? 3 : 0;
    transition(vm, ACTIVE, running ? 59 : 53);
    later(
        vm,
        () -> {
          snapshots.remove(snapshotId);
          transition(vm, backState, backLcm);
        });
    return vmId;
  }

  /** The image, for a snapshot operation of its owner (MANAGE) on a READY OS or DATABLOCK image. */
  private SimModel.Image imageToSnapshot(User u, int imageId, String verb) {
    SimModel.Image image = image(imageId);
    requireManage(u, image.uid, "IMAGE", imageId);
    if (image.type != 0 && image.type != 2) {
      throw new SimError(
          SimError.ACTION,
          "IMAGES of type KERNEL, RAMDISK, BACKUP, FILESYSTEM and CONTEXT does not have"
              + " snapshots.",
          imageId);
    }
    if (image.state != 1) {
      throw new SimError(
          SimError.ACTION,
          "Cannot " + verb + " snapshot in state " + imageStateName(image.state),
          imageId);
    }
    return image;
  }

  /** one.image.snapshotrevert: the image LOCKED while its driver works, then READY. */
  synchronized int revertImageSnapshot(User u, int imageId, int snapshotId) {
    SimModel.Image image = imageToSnapshot(u, imageId, "revert to");
    if (image.snapshots.get(snapshotId).isEmpty()) {
      throw new SimError(SimError.ACTION, "Snapshot does not exist", imageId);
    }
    image.state = 4;
    imageStep(
        image,
        () -> {
          image.snapshots.activate(snapshotId);
          image.reverts++;
        });
    return imageId;
  }

  /** one.image.snapshotdelete: never the active snapshot, nor one with children. */
  synchronized int deleteImageSnapshot(User u, int imageId, int snapshotId) {
    SimModel.Image image = imageToSnapshot(u, imageId, "delete");
    String refusal = image.snapshots.refusalOnImage(snapshotId);
    if (refusal != null) {
      throw new SimError(SimError.ACTION, refusal, imageId);
    }
    image.state = 4;
    imageStep(image, () -> image.snapshots.remove(snapshotId));
    return imageId;
  }

  private void imageStep(SimModel.Image image, Runnable change) {
    steps.schedule(
        () -> {
          synchronized (this) {
            if (image.state == 4 && images.get(image.id) == image) {
              change.run();
              image.state = 1;
            }
          }
        },
        stepDelay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static String imageStateName(int state) {
    String[] names = {
      "INIT",
      "READY",
      "USED",
      "DISABLED",
      "LOCKED",
      "ERROR",
      "CLONE",
      "DELETE",
      "USED_PERS",
      "LOCKED_USED",
      "LOCKED_USED_PERS"
    };
    return state >= 0 && state < names.length ? names[state] : Integer.toString(state);
  }

  // ------------------------------------------------------------------ backups

  /** Backup datastores (TYPE 3); OpenNebula has none until an operator adds one. */
  final Set<Integer> backupDatastores = new TreeSet<>(Set.of(100));

  private boolean failNextBackup;

  /** What the backup datastores have free, in MiB, as their monitoring reports it. */
  private long backupFreeMib = 1_000_000;

  /** The backup datastores have {@code mib} free (as a full one reports). */
  public synchronized void backupDatastoresFree(long mib) {
    backupFreeMib = mib;
  }

  synchronized long backupFreeMib() {
    return backupFreeMib;
  }

  /**
   * What a backup of the VM takes, in MiB, as OpenNebula counts it before it starts one: the sizes
   * of its disks but swap, CD-ROMs, file systems and volatile ones (VirtualMachineDisks.backup_size
   * of 7.5).
   */
  private static long backupSizeMib(Vm vm) {
    long total = 0;
    for (Map<String, String> disk : vm.disks) {
      String type = disk.getOrDefault("TYPE", "").toUpperCase(Locale.ROOT);
      if (!List.of("SWAP", "CDROM", "RBD_CDROM", "FILESYSTEM", "FS").contains(type)) {
        total += Long.parseLong(disk.getOrDefault("SIZE", "0"));
      }
    }
    return total;
  }

  /** The provider has no backup datastore (any more). */
  public synchronized void removeBackupDatastores() {
    backupDatastores.clear();
  }

  /** The next backup fails at the driver: the VM comes back without a new backup image. */
  public synchronized void failNextBackup() {
    failNextBackup = true;
  }

  /** The VM's backup images (its BACKUPS/BACKUP_IDS). */
  public synchronized List<Integer> vmBackups(int vmId) {
    return List.copyOf(vm(vmId).backupIds);
  }

  /** The backup images there are, of any VM. */
  public synchronized List<Integer> backupImages() {
    return images.values().stream().filter(i -> i.type == 6).map(i -> i.id).toList();
  }

  /**
   * one.vm.backup: RUNNING goes to BACKUP, POWEROFF to BACKUP_POWEROFF; into a datastore of type
   * BACKUP the caller may use. On success a backup image (TYPE 6, named "<vm id> <date>", the VM's
   * owner's) holds its disks and is listed in the VM's BACKUPS.
   */
  synchronized int backupVm(User u, int vmId, int datastoreId) {
    Vm vm = vm(vmId);
    if (imageDatastores.contains(datastoreId) || datastoreId == 0 || datastoreId == 2) {
      throw new SimError(SimError.ACTION, "Datastore needs to be of type BACKUP", vmId);
    }
    if (!backupDatastores.contains(datastoreId)) {
      throw new SimError(
          SimError.NO_EXISTS, "Error getting datastore [" + datastoreId + "].", datastoreId);
    }
    // Checked with the datastore's monitored free space before its rights are (7.5, ACTION).
    if (backupFreeMib < backupSizeMib(vm)) {
      throw new SimError(SimError.ACTION, "Not enough free space on target datastore", vmId);
    }
    if (!u.isAdmin() && !acl.allows(u, SimAcl.DATASTORE, datastoreId, 0, SimAcl.USE)) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform USE DATASTORE [" + datastoreId + "].",
          -1);
    }
    boolean running = vm.state == ACTIVE && vm.lcmState == 3;
    if (!running && vm.state != POWEROFF) {
      // OpenNebula's dispatch manager refuses it, and the API answers INTERNAL, not ACTION.
      throw new SimError(
          SimError.INTERNAL,
          "Could not create a new backup for VM " + vmId + ", wrong state " + stateName(vm) + ".",
          vmId);
    }
    boolean fails = failNextBackup;
    failNextBackup = false;
    int backState = running ? ACTIVE : POWEROFF;
    int backLcm = running ? 3 : 0;
    transition(vm, ACTIVE, running ? 69 : 70);
    later(
        vm,
        () -> {
          // OpenNebula names a backup image "<vm id> <date to the second>": a second backup of
          // the VM within the same second fails ("NAME is already taken"), and makes no image.
          String name =
              vm.id
                  + " "
                  + java.time.format.DateTimeFormatter.ofPattern("dd-MMM HH.mm.ss")
                      .withZone(java.time.ZoneOffset.UTC)
                      .withLocale(java.util.Locale.ENGLISH)
                      .format(clock.instant());
          boolean taken =
              images.values().stream().anyMatch(i -> i.uid == vm.uid && i.name.equals(name));
          if (!fails && !taken) {
            long total = 0;
            List<Long> sizes = new ArrayList<>();
            for (Map<String, String> disk : vm.disks) {
              long size = Long.parseLong(disk.getOrDefault("SIZE", "0"));
              sizes.add(size);
              total += size;
            }
            SimModel.Image image = new SimModel.Image(nextId("image"), name, total);
            image.registeredAt = now();
            image.uid = vm.uid;
            image.gid = vm.gid;
            image.type = 6;
            image.datastoreId = datastoreId;
            image.backupOfVm = vm.id;
            image.backupOfTemplate = restorable(vm);
            image.backupDiskMib.addAll(sizes);
            images.put(image.id, image);
            vm.backupIds.add(image.id);
          }
          transition(vm, backState, backLcm);
        });
    return vmId;
  }

  /** What a restore of the VM makes a template of: its size and context, without NICs. */
  private static String restorable(Vm vm) {
    StringBuilder text = new StringBuilder();
    for (String key : List.of("CPU", "VCPU", "MEMORY")) {
      String value = vm.template.get(key, "");
      if (!value.isEmpty()) {
        text.append(key).append(" = \"").append(value).append("\"\n");
      }
    }
    for (Map<String, String> context : vm.template.vector("CONTEXT")) {
      text.append("CONTEXT = [ ");
      text.append(
          String.join(
              ", ",
              context.entrySet().stream()
                  .map(e -> e.getKey() + " = \"" + e.getValue().replace("\"", "\\\"") + "\"")
                  .toList()));
      text.append(" ]\n");
    }
    return text.toString();
  }

  /**
   * one.image.restore of a backup image into an image datastore: one image per backed-up disk,
   * "<NAME>-disk-<n>", and a template NAME using them, all the caller's; the answer is the text
   * "<template id> <image ids>". Like OpenNebula, a backup image the caller may not use is a
   * "success" whose text is the refusal.
   */
  synchronized String restoreImage(User u, int imageId, int datastoreId, String options) {
    SimModel.Image backup = image(imageId);
    if (!mayUse(u, backup)) {
      return "[one.image.restore] User ["
          + u.id
          + "] : Not authorized to perform USE IMAGE ["
          + imageId
          + "].";
    }
    if (!imageDatastores.contains(datastoreId)) {
      throw new SimError(
          SimError.NO_EXISTS, "Error getting datastore [" + datastoreId + "].", datastoreId);
    }
    if (backup.type != 6) {
      throw new SimError(SimError.ACTION, "Image " + imageId + " is not a backup", imageId);
    }
    String name = TemplateText.parse(options).get("NAME", backup.backupOfVm + "-" + imageId);
    StringBuilder text = new StringBuilder(backup.backupOfTemplate);
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < backup.backupDiskMib.size(); n++) {
      SimModel.Image disk =
          new SimModel.Image(nextId("image"), name + "-disk-" + n, backup.backupDiskMib.get(n));
      disk.uid = u.id;
      disk.gid = u.primaryGroup();
      disk.type = n == 0 ? 0 : 2;
      disk.datastoreId = datastoreId;
      images.put(disk.id, disk);
      ids.add(Integer.toString(disk.id));
      text.append("DISK = [ IMAGE_ID = \"").append(disk.id).append("\" ]\n");
    }
    int templateId = nextId("template");
    templates.put(
        templateId,
        new SimModel.Template(templateId, name, text.toString(), u.id, u.primaryGroup()));
    return templateId + (ids.isEmpty() ? "" : " " + String.join(" ", ids));
  }

  /** one.template.delete: the owner's or oneadmin's. */
  synchronized int deleteTemplate(User u, int templateId) {
    SimModel.Template template = templates.get(templateId);
    if (template == null) {
      throw new SimError(
          SimError.NO_EXISTS, "Error getting VM template [" + templateId + "].", templateId);
    }
    requireManage(u, template.uid, "TEMPLATE", templateId);
    templates.remove(templateId);
    return templateId;
  }

  /** Runs the next life-cycle step after the step delay, unless the VM moved on meanwhile. */
  private void later(Vm vm, Runnable step) {
    long generation = vm.generation;
    steps.schedule(
        () -> {
          synchronized (this) {
            if (vm.generation == generation) {
              step.run();
            }
          }
        },
        stepDelay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  private final Map<Integer, HostLoad.Calendar> loads = new java.util.HashMap<>();

  /** The simulated load of a host (with GPUs when it has passthrough devices), made once. */
  HostLoad.Calendar hostLoad(Host host) {
    return loads.computeIfAbsent(
        host.id, id -> new HostLoad(zoneId * 100_000L + id, !host.pci.isEmpty()).calendar());
  }

  @Override
  public void close() {
    steps.shutdownNow();
  }
}
