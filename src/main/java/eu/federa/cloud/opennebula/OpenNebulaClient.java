package eu.federa.cloud.opennebula;

import eu.federa.cloud.AclRule;
import eu.federa.cloud.CloudAccount;
import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.CloudTransportException.Kind;
import eu.federa.cloud.Cluster;
import eu.federa.cloud.Datastore;
import eu.federa.cloud.ExportedDisk;
import eu.federa.cloud.GroupObject;
import eu.federa.cloud.HistoryRecord;
import eu.federa.cloud.Host;
import eu.federa.cloud.HostSample;
import eu.federa.cloud.Image;
import eu.federa.cloud.MarketApp;
import eu.federa.cloud.Marketplace;
import eu.federa.cloud.SecurityGroup;
import eu.federa.cloud.ShowbackRecord;
import eu.federa.cloud.Template;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VirtualNetwork;
import eu.federa.cloud.VmMonitoring;
import eu.federa.cloud.Zone;
import eu.federa.cloud.xmlrpc.MalformedXmlRpcException;
import eu.federa.cloud.xmlrpc.XmlRpc;
import eu.federa.cloud.xmlrpc.XmlRpcFault;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A typed client of one OpenNebula front-end's XML-RPC API (see shared/docs/opennebula-api.md),
 * over the JDK's HttpClient. Every call goes through the provider's {@link CallGuard}; only reads
 * are retried.
 */
public final class OpenNebulaClient {

  /** Pool filter: everything the caller may see (OpenNebula's -2). */
  public static final int ALL = -2;

  /** VM state filter: any state but DONE (OpenNebula's -1). */
  public static final int ANY_BUT_DONE = -1;

  private final Endpoint endpoint;
  private final HttpClient http;
  private final Duration readTimeout;
  private final CallGuard guard;

  public OpenNebulaClient(
      Endpoint endpoint, HttpClient http, Duration readTimeout, CallGuard guard) {
    this.endpoint = endpoint;
    this.http = http;
    this.readTimeout = readTimeout;
    this.guard = guard;
  }

  /** A client with its own HTTP client: connect timeout 3 s, read timeout 10 s, default guard. */
  public static OpenNebulaClient create(Endpoint endpoint) {
    return create(endpoint, CallGuard.Settings.defaults());
  }

  /** A client as {@link #create(Endpoint)}, its calls guarded with {@code guard}. */
  public static OpenNebulaClient create(Endpoint endpoint, CallGuard.Settings guard) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    return new OpenNebulaClient(endpoint, http, Duration.ofSeconds(10), CallGuard.with(guard));
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public CallGuard guard() {
    return guard;
  }

  // ------------------------------------------------------------------ system and inventory

  public String version() {
    return (String) read("one.system.version");
  }

  public List<Host> hostPool() {
    return OneXml.pool(xml(read("one.hostpool.info")), "HOST", OneXml::host);
  }

  public Host host(int hostId) {
    return OneXml.single(xml(read("one.host.info", hostId)), OneXml::host);
  }

  public List<Cluster> clusterPool() {
    return OneXml.pool(xml(read("one.clusterpool.info")), "CLUSTER", OneXml::cluster);
  }

  public List<Zone> zonePool() {
    return OneXml.pool(xml(read("one.zonepool.info")), "ZONE", OneXml::zone);
  }

  public List<Template> templatePool(int filter, int start, int end) {
    return OneXml.pool(
        xml(read("one.templatepool.info", filter, start, end)), "VMTEMPLATE", OneXml::template);
  }

  public Template template(int templateId) {
    return OneXml.single(
        xml(read("one.template.info", templateId, false, false)), OneXml::template);
  }

  public List<Image> imagePool(int filter, int start, int end) {
    return OneXml.pool(xml(read("one.imagepool.info", filter, start, end)), "IMAGE", OneXml::image);
  }

  public Image image(int imageId) {
    return OneXml.single(xml(read("one.image.info", imageId, false)), OneXml::image);
  }

  /**
   * Creates an image from its template in a datastore (one.image.allocate): a datablock with {@code
   * TYPE=DATABLOCK, SIZE (MiB), PERSISTENT=YES} is an empty volume. It is LOCKED while the
   * datastore makes it, then READY.
   */
  public int allocateImage(String template, int datastoreId) {
    return id(write("one.image.allocate", template, datastoreId, false));
  }

  /** Deletes an image; one in use by a VM is refused. */
  public int deleteImage(int imageId) {
    return id(write("one.image.delete", imageId, false));
  }

  /**
   * Puts an image back to one of its snapshots (one.image.snapshotrevert); only a READY image (a
   * persistent one attached to no VM): it is LOCKED while its driver works, then READY again.
   */
  public int revertImageSnapshot(int imageId, int snapshotId) {
    return id(write("one.image.snapshotrevert", imageId, snapshotId));
  }

  /**
   * Deletes one of an image's snapshots (one.image.snapshotdelete); refused for the active one, and
   * one with children, where the datastore denies orphans.
   */
  public int deleteImageSnapshot(int imageId, int snapshotId) {
    return id(write("one.image.snapshotdelete", imageId, snapshotId));
  }

  /** The datastores (one.datastorepool.info): image, system, file and backup datastores. */
  public List<Datastore> datastorePool() {
    return OneXml.pool(xml(read("one.datastorepool.info")), "DATASTORE", OneXml::datastore);
  }

  /** Deletes a template (not its images). */
  public int deleteTemplate(int templateId) {
    return id(write("one.template.delete", templateId, false));
  }

  /**
   * Backs a running or powered-off VM up into a backup datastore (one.vm.backup): the VM passes
   * through BACKUP (or BACKUP_POWEROFF) and, on success, lists a new backup image in its BACKUPS.
   */
  public int backupVm(int vmId, int backupDatastoreId) {
    return id(write("one.vm.backup", vmId, backupDatastoreId, false));
  }

  /**
   * Restores a backup image into the image datastore {@code datastoreId} (one.image.restore): one
   * image per disk of the backup, named {@code <NAME>-disk-<n>}, and a VM template named {@code
   * NAME} using them, both owned by the caller. OpenNebula answers with a text, the template's id
   * and then the images' ids ("12 40 41"); a refusal of the backup image comes back as a success
   * whose text is the refusal, so anything else is refused here.
   *
   * @return the template's id, then the images' ids
   */
  public List<Integer> restoreImage(int imageId, int datastoreId, String options) {
    Object answer = write("one.image.restore", imageId, datastoreId, options);
    String text = String.valueOf(answer).trim();
    if (!text.matches("-?\\d+( \\d+)*")) {
      throw CloudApiException.of(
          "one.image.restore",
          CloudApiException.ACTION,
          "Restoring image " + imageId + " failed: " + text,
          imageId);
    }
    return Arrays.stream(text.split(" ")).map(Integer::valueOf).toList();
  }

  public List<VirtualNetwork> networkPool(int filter, int start, int end) {
    return OneXml.pool(xml(read("one.vnpool.info", filter, start, end)), "VNET", OneXml::network);
  }

  public VirtualNetwork network(int networkId) {
    return OneXml.single(xml(read("one.vn.info", networkId, false)), OneXml::network);
  }

  /**
   * Reserves addresses of a network for the caller (one.vn.reserve): {@code SIZE} addresses into a
   * new network named {@code NAME} owned by the caller, or, with {@code NETWORK_ID}, into that
   * reservation. The caller needs USE of the network.
   *
   * @return the reservation's network id
   */
  public int reserveNetwork(int networkId, String reservationTemplate) {
    return id(write("one.vn.reserve", networkId, reservationTemplate));
  }

  /** Changes a network's template; {@code merge} keeps the attributes not named. */
  /**
   * Deletes a network (one.vn.delete); a reservation's addresses go back to its parent network.
   * Refused while a VM holds one of its leases.
   */
  public int deleteNetwork(int networkId) {
    return id(write("one.vn.delete", networkId));
  }

  public int updateNetwork(int networkId, String template, boolean merge) {
    return id(write("one.vn.update", networkId, template, merge ? 1 : 0));
  }

  public List<SecurityGroup> securityGroupPool(int filter, int start, int end) {
    return OneXml.pool(
        xml(read("one.secgrouppool.info", filter, start, end)),
        "SECURITY_GROUP",
        OneXml::securityGroup);
  }

  public SecurityGroup securityGroup(int securityGroupId) {
    return OneXml.single(
        xml(read("one.secgroup.info", securityGroupId, false)), OneXml::securityGroup);
  }

  /** Creates a security group from its template (NAME and RULE vectors); owned by the caller. */
  public int allocateSecurityGroup(String template) {
    return id(write("one.secgroup.allocate", template));
  }

  /**
   * Replaces (or merges into) a security group's template. OpenNebula then updates the firewall of
   * every VM using the group (its update commits the change).
   */
  public int updateSecurityGroup(int securityGroupId, String template, boolean merge) {
    return id(write("one.secgroup.update", securityGroupId, template, merge ? 1 : 0));
  }

  public List<MarketApp> marketAppPool(int filter, int start, int end) {
    return OneXml.pool(
        xml(read("one.marketapppool.info", filter, start, end)),
        "MARKETPLACEAPP",
        OneXml::marketApp);
  }

  // ------------------------------------------------------------------ VMs

  public int instantiateTemplate(
      int templateId, String vmName, boolean hold, String extraTemplate, boolean persistent) {
    return id(
        write("one.template.instantiate", templateId, vmName, hold, extraTemplate, persistent));
  }

  public int allocateVm(String template, boolean hold) {
    return id(write("one.vm.allocate", template, hold));
  }

  /** Deploys a PENDING or HOLD VM to a chosen host; with {@code enforceCapacity} it must fit. */
  public int deployVm(int vmId, int hostId, boolean enforceCapacity, int datastoreId) {
    return id(write("one.vm.deploy", vmId, hostId, enforceCapacity, datastoreId));
  }

  public int vmAction(VmAction action, int vmId) {
    return id(write("one.vm.action", action.wireName(), vmId));
  }

  /**
   * Merges attributes into the VM's user template (one.vm.update, type 1): attributes of the same
   * name are replaced, the others kept.
   */
  public int updateVmUserTemplate(int vmId, String attributes) {
    return id(write("one.vm.update", vmId, attributes, 1));
  }

  /** Gives a VM to a user and a group (-1 keeps either); administrators only. */
  public int chownVm(int vmId, int userId, int groupId) {
    return id(write("one.vm.chown", vmId, userId, groupId));
  }

  public VirtualMachine vm(int vmId) {
    return OneXml.single(xml(read("one.vm.info", vmId, false)), OneXml::vm);
  }

  public List<VirtualMachine> vmPool(int filter, int start, int end, int state) {
    return OneXml.pool(xml(read("one.vmpool.info", filter, start, end, state)), "VM", OneXml::vm);
  }

  public List<VirtualMachine> vmPoolExtended(int filter, int start, int end, int state) {
    return OneXml.pool(
        xml(read("one.vmpool.infoextended", filter, start, end, state)), "VM", OneXml::vm);
  }

  public List<VirtualMachine> vmPoolInfoSet(List<Integer> vmIds, boolean extended) {
    String ids = vmIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    return OneXml.pool(xml(read("one.vmpool.infoset", ids, extended)), "VM", OneXml::vm);
  }

  /**
   * Hot-plugs a disk (one.vm.attach), e.g. {@code DISK=[IMAGE_ID=7]}: the VM is in HOTPLUG (or
   * HOTPLUG_PROLOG_POWEROFF) with the disk marked ATTACH=YES when the call returns, and back in its
   * state afterwards, with the disk, or without it when the attach failed.
   */
  public int attachDisk(int vmId, String diskTemplate) {
    return id(write("one.vm.attach", vmId, diskTemplate));
  }

  /** Removes a hot-plugged disk (one.vm.detach); a persistent image is saved and released. */
  public int detachDisk(int vmId, int diskId) {
    return id(write("one.vm.detach", vmId, diskId));
  }

  /**
   * Takes a snapshot of a disk (one.vm.disksnapshotcreate), running or powered off: the VM passes
   * through DISK_SNAPSHOT (or DISK_SNAPSHOT_POWEROFF) and the snapshot is listed under the VM's
   * SNAPSHOTS, or is gone again when it failed.
   *
   * @return the snapshot's id on the disk
   */
  public int createDiskSnapshot(int vmId, int diskId, String name) {
    return id(write("one.vm.disksnapshotcreate", vmId, diskId, name));
  }

  /** Puts a disk back to a snapshot; OpenNebula allows it only while the VM is powered off. */
  public int revertDiskSnapshot(int vmId, int diskId, int snapshotId) {
    return id(write("one.vm.disksnapshotrevert", vmId, diskId, snapshotId));
  }

  public int deleteDiskSnapshot(int vmId, int diskId, int snapshotId) {
    return id(write("one.vm.disksnapshotdelete", vmId, diskId, snapshotId));
  }

  /** CPU, VCPU and MEMORY of a powered-off VM; {@code enforce} checks its host's capacity. */
  public int resizeVm(int vmId, String template, boolean enforce) {
    return id(write("one.vm.resize", vmId, template, enforce));
  }

  public int migrateVm(int vmId, int hostId, boolean live, boolean enforce, int datastoreId) {
    return id(write("one.vm.migrate", vmId, hostId, live, enforce, datastoreId, 0));
  }

  public int recoverVm(int vmId, RecoverOperation operation) {
    return id(write("one.vm.recover", vmId, operation.code()));
  }

  /**
   * Every host's monitoring records of the last {@code seconds} (0: each host's latest record),
   * oldest first per host. OpenNebula keeps them for a while only (12 hours by default).
   */
  public List<HostSample> hostPoolMonitoring(int seconds) {
    return OneXml.hostMonitoring(xml(read("one.hostpool.monitoring", seconds)));
  }

  /**
   * Every VM's monitoring records of the last {@code seconds} (0: each VM's latest), oldest first
   * per VM: what the sync derives the hosts' GPU utilisation from.
   */
  public List<VmMonitoring> vmPoolMonitoring(int seconds) {
    return OneXml.monitoring(xml(read("one.vmpool.monitoring", ALL, seconds)));
  }

  public List<VmMonitoring> vmMonitoring(int vmId) {
    return OneXml.monitoring(xml(read("one.vm.monitoring", vmId)));
  }

  /** One record per VM per host stay overlapping [from, to); {@code null} means open. */
  public List<HistoryRecord> accounting(int filter, Instant from, Instant to) {
    String xml = xml(read("one.vmpool.accounting", filter, epoch(from), epoch(to)));
    List<HistoryRecord> records = new ArrayList<>();
    for (XmlNode h : XmlNode.parse(xml).all("HISTORY")) {
      records.add(OneXml.history(h, -1));
    }
    return records;
  }

  public List<ShowbackRecord> showback(int filter, YearMonth first, YearMonth last) {
    String xml =
        xml(
            read(
                "one.vmpool.showback",
                filter,
                first.getMonthValue(),
                first.getYear(),
                last.getMonthValue(),
                last.getYear()));
    return OneXml.pool(xml, "SHOWBACK", OneXml::showback);
  }

  // ------------------------------------------------------------------ users, groups, quotas

  /** All users (oneadmin group), or only oneself. */
  public List<CloudAccount> userPool() {
    return OneXml.pool(xml(read("one.userpool.info")), "USER", OneXml::user);
  }

  /** The caller's own account, with its groups (the first is the primary one). */
  public CloudAccount self() {
    return OneXml.single(xml(read("one.user.info", -1, false)), OneXml::user);
  }

  /** Sets a user's password (core authentication). */
  public int changePassword(int userId, String password) {
    return id(write("one.user.passwd", userId, password));
  }

  /** The zone's access-control list (oneadmin group only). */
  public List<AclRule> aclRules() {
    return OneXml.pool(xml(read("one.acl.info")), "ACL", OneXml::acl);
  }

  /**
   * Adds an access rule. A rule that exists already answers {@link
   * eu.federa.cloud.CloudApiException.AlreadyExists}.
   */
  public int addAclRule(Acl rule) {
    return id(write("one.acl.addrule", rule.userHex(), rule.resourceHex(), rule.rightsHex()));
  }

  public List<CloudAccount> groupPool() {
    return OneXml.pool(xml(read("one.grouppool.info")), "GROUP", OneXml::group);
  }

  public int allocateUser(String name, String password, String authDriver, List<Integer> groupIds) {
    return id(write("one.user.allocate", name, password, authDriver, List.copyOf(groupIds)));
  }

  public int allocateGroup(String name) {
    return id(write("one.group.allocate", name));
  }

  /** Sets a user's quota, e.g. {@code VM=[VMS=10, CPU=8, MEMORY=16384]} (-2 unlimited). */
  public int setUserQuota(int userId, String quotaTemplate) {
    return id(write("one.user.quota", userId, quotaTemplate));
  }

  public int setGroupQuota(int groupId, String quotaTemplate) {
    return id(write("one.group.quota", groupId, quotaTemplate));
  }

  // ------------------------------------------------------------------ disks out

  /**
   * Saves one of a VM's disks as a new image of the caller (one.vm.disksaveas), LOCKED while it is
   * copied, then READY; the VM must be RUNNING, POWEROFF or SUSPENDED, and the caller may create
   * images.
   */
  public int diskSaveAs(int vmId, int diskId, String imageName) {
    return id(write("one.vm.disksaveas", vmId, diskId, imageName, "", -1));
  }

  /** Gives an image to a user and a group (-1 keeps either); administrators only. */
  public int chownImage(int imageId, int userId, int groupId) {
    return id(write("one.image.chown", imageId, userId, groupId));
  }

  public List<Marketplace> marketplacePool() {
    return OneXml.pool(
        xml(read("one.marketpool.info")),
        "MARKETPLACE",
        m ->
            new Marketplace(
                m.integer("ID", -1),
                m.text("NAME"),
                m.text("MARKET_MAD"),
                m.child("TEMPLATE").text("BASE_URL")));
  }

  /**
   * Publishes an image to a marketplace ({@code ORIGIN_ID} in the template): LOCKED, then READY.
   */
  public int allocateMarketApp(String template, int marketplaceId) {
    return id(write("one.marketapp.allocate", template, marketplaceId));
  }

  public ExportedDisk marketApp(int appId) {
    return OneXml.single(
        xml(read("one.marketapp.info", appId, false)),
        a ->
            new ExportedDisk(
                a.integer("ID", -1),
                a.integer("STATE", -1),
                a.text("SOURCE"),
                a.text("MD5"),
                a.number("SIZE", 0),
                a.text("FORMAT")));
  }

  public int deleteMarketApp(int appId) {
    return id(write("one.marketapp.delete", appId));
  }

  // ------------------------------------------------------------------ a group's objects

  /**
   * Everything of one group, highest id first within each kind: its VMs that are not done, its
   * templates, images, virtual networks (reservations), security groups and marketplace apps. Read
   * as an administrator (every pool, filter -2) and picked by GID.
   */
  public List<GroupObject> groupObjects(int groupId) {
    List<GroupObject> found = new ArrayList<>();
    collect(found, "VM", read("one.vmpool.info", -2, -1, -1, -1), "VM", groupId);
    collect(found, "TEMPLATE", read("one.templatepool.info", -2, -1, -1), "VMTEMPLATE", groupId);
    collect(found, "IMAGE", read("one.imagepool.info", -2, -1, -1), "IMAGE", groupId);
    collect(found, "NET", read("one.vnpool.info", -2, -1, -1), "VNET", groupId);
    collect(
        found, "SECGROUP", read("one.secgrouppool.info", -2, -1, -1), "SECURITY_GROUP", groupId);
    collect(
        found,
        "MARKETPLACEAPP",
        read("one.marketapppool.info", -2, -1, -1),
        "MARKETPLACEAPP",
        groupId);
    return found;
  }

  private void collect(
      List<GroupObject> found, String kind, Object answer, String element, int groupId) {
    for (GroupObject o :
        OneXml.pool(
            xml(answer),
            element,
            n ->
                new GroupObject(kind, n.integer("ID", -1), n.text("NAME"), n.integer("GID", -1)))) {
      if (o.groupId() == groupId) {
        found.add(o);
      }
    }
  }

  /**
   * Deletes one of a group's objects the way its kind is deleted: a VM ends at once
   * (terminate-hard), the others are removed (an image a VM still uses, or a security group a VM
   * still has, is refused).
   */
  public int deleteGroupObject(GroupObject o) {
    return switch (o.kind()) {
      case "VM" -> vmAction(VmAction.TERMINATE_HARD, o.id());
      case "TEMPLATE" -> deleteTemplate(o.id());
      case "IMAGE" -> deleteImage(o.id());
      case "NET" -> deleteNetwork(o.id());
      case "SECGROUP" -> id(write("one.secgroup.delete", o.id()));
      case "MARKETPLACEAPP" -> deleteMarketApp(o.id());
      default -> throw new IllegalArgumentException("not a group object kind: " + o.kind());
    };
  }

  /** Deletes a user (its access rules go with it); oneadmin cannot be. */
  public int deleteUser(int userId) {
    return id(write("one.user.delete", userId));
  }

  /** Deletes a group (its access rules go with it); refused while a user is in it. */
  public int deleteGroup(int groupId) {
    return id(write("one.group.delete", groupId));
  }

  // ------------------------------------------------------------------ transport

  private Object read(String method, Object... params) {
    return guard.run(method, true, () -> call(method, params));
  }

  private Object write(String method, Object... params) {
    return guard.run(method, false, () -> call(method, params));
  }

  /** One XML-RPC exchange, decoded into OpenNebula's success value or a typed exception. */
  Object call(String method, Object... params) {
    List<Object> all = new ArrayList<>(params.length + 1);
    all.add(endpoint.session());
    all.addAll(List.of(params));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.uri())
            .timeout(readTimeout)
            .header("Content-Type", "text/xml")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    XmlRpc.methodCall(method, all), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw transport(method, Kind.TIMEOUT, "connection timed out", e);
    } catch (HttpTimeoutException e) {
      throw transport(
          method, Kind.TIMEOUT, "no answer within " + readTimeout.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw transport(method, Kind.UNREACHABLE, "connection refused", e);
    } catch (IOException e) {
      throw transport(
          method, Kind.UNREACHABLE, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw transport(method, Kind.TIMEOUT, "interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw transport(method, Kind.HTTP_ERROR, "HTTP " + response.statusCode(), null);
    }
    Object result;
    try {
      result = XmlRpc.parseResponse(response.body());
    } catch (XmlRpcFault fault) {
      throw transport(
          method,
          Kind.MALFORMED,
          "XML-RPC fault " + fault.faultCode() + ": " + fault.getMessage(),
          fault);
    } catch (MalformedXmlRpcException e) {
      throw transport(method, Kind.MALFORMED, e.getMessage(), e);
    }
    return unwrap(method, result);
  }

  /** OpenNebula's answer array: [true, value, 0] or [false, message, code, resourceId, i8]. */
  static Object unwrap(String method, Object result) {
    if (!(result instanceof List<?> array)
        || array.size() < 2
        || !(array.get(0) instanceof Boolean ok)) {
      throw transport(method, Kind.MALFORMED, "not an OpenNebula answer array", null);
    }
    if (ok) {
      return array.get(1);
    }
    String message = String.valueOf(array.get(1));
    int code = array.size() > 2 && array.get(2) instanceof Number n ? n.intValue() : 0;
    int resourceId = array.size() > 3 && array.get(3) instanceof Number n ? n.intValue() : -1;
    throw CloudApiException.of(method, code, message, resourceId);
  }

  private static CloudTransportException transport(
      String method, Kind kind, String message, Throwable cause) {
    return new CloudTransportException(method, kind, method + ": " + message, cause);
  }

  private static String xml(Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new CloudTransportException(
        "?", Kind.MALFORMED, "expected an XML document, got " + value, null);
  }

  private static int id(Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    throw new CloudTransportException("?", Kind.MALFORMED, "expected an id, got " + value, null);
  }

  private static int epoch(Instant instant) {
    return instant == null ? -1 : (int) instant.getEpochSecond();
  }
}
