package eu.federa.cloud.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import eu.federa.cloud.simulator.SimModel.User;
import eu.federa.cloud.simulator.SimModel.Vm;
import eu.federa.cloud.xmlrpc.MalformedXmlRpcException;
import eu.federa.cloud.xmlrpc.XmlRpcCall;
import eu.federa.cloud.xmlrpc.XmlRpcServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server answering OpenNebula's XML-RPC at {@code /RPC2} for one {@link
 * SimulatedCloud}. Checks run in OpenNebula's order: authentication, existence of the object, then
 * the request.
 */
public final class OpenNebulaSimulator implements AutoCloseable {

  static {
    // The JDK server writes headers and body apart; without TCP_NODELAY every answer waits for the
    // client's delayed ACK (about 40 ms). Read once, when the JDK's HTTP server is first used.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** A method: the authenticated caller and the parameters after the session string. */
  @FunctionalInterface
  private interface Method {
    Object call(User caller, Params params);
  }

  private final SimulatedCloud cloud;
  private final Faults faults = new Faults();
  private final Map<String, Method> methods = new HashMap<>();
  private final int port;
  private HttpServer server;
  private final SimAppliances appliances;
  private ExecutorService executor;

  private OpenNebulaSimulator(SimulatedCloud cloud, int port) {
    this.cloud = cloud;
    this.port = port;
    this.appliances = new SimAppliances(cloud);
    register();
  }

  /** Starts on 127.0.0.1; port 0 picks a free one. */
  public static OpenNebulaSimulator start(SimulatedCloud cloud, int port) throws IOException {
    OpenNebulaSimulator simulator = new OpenNebulaSimulator(cloud, port);
    simulator.listen(port);
    return simulator;
  }

  private synchronized void listen(int onPort) throws IOException {
    // A backlog like a real server's (uvicorn's is 2048): many connections at once are accepted.
    server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 1024);
    // Threads as needed: an appliance's stream holds one for as long as it runs.
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    cloud.marketBaseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/market";
  }

  public SimulatedCloud cloud() {
    return cloud;
  }

  /** The inference appliances of this provider's VMs, reached at {@code /appliances/<ip>}. */
  public SimAppliances appliances() {
    return appliances;
  }

  public Faults faults() {
    return faults;
  }

  public synchronized int port() {
    return server != null ? server.getAddress().getPort() : port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port() + "/RPC2");
  }

  /** The front-end goes down: connections are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      int was = server.getAddress().getPort();
      server.stop(0);
      executor.shutdownNow();
      server = null;
      downPort = was;
    }
  }

  private int downPort;

  /** Back up on the same port. */
  public void up() throws IOException {
    Thread pending = downing;
    if (pending != null) {
      try {
        pending.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while going down", e);
      }
    }
    synchronized (this) {
      downing = null;
      goingDown = false;
      if (server == null) {
        listen(downPort);
      }
    }
  }

  @Override
  public synchronized void close() {
    down();
    cloud.close();
  }

  // ------------------------------------------------------------------ HTTP

  /** Set at a break that takes the front-end down, until it is up again. */
  private volatile boolean goingDown;

  /** The thread taking the front-end down after such a break. */
  private volatile Thread downing;

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (goingDown) {
        reply(exchange, 503, "text/plain", "Going down");
        return;
      }
      String requested = exchange.getRequestURI().getPath();
      if (requested.startsWith("/appliances/")) {
        appliances.handle(exchange, requested.substring("/appliances/".length()));
        return;
      }
      if (exchange.getRequestURI().getPath().startsWith("/market/")) {
        serveApp(exchange);
        return;
      }
      if (!"/RPC2".equals(exchange.getRequestURI().getPath())) {
        reply(exchange, 404, "text/plain", "Not found");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, "text/plain", "Method not allowed");
        return;
      }
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!faults.latency().isZero()) {
        Thread.sleep(faults.latency().toMillis());
      }
      if (faults.httpStatus() != 0) {
        reply(exchange, faults.httpStatus(), "text/plain", "Injected HTTP error");
        return;
      }
      if (faults.garbage()) {
        reply(exchange, 200, "text/xml", "<html>not xml-rpc</html>");
        return;
      }
      reply(exchange, 200, "text/xml", answer(body));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The XML-RPC answer to a request body. */
  String answer(String body) {
    XmlRpcCall call;
    try {
      call = XmlRpcServer.parseCall(body);
    } catch (MalformedXmlRpcException e) {
      return XmlRpcServer.fault(-503, "Call XML not a proper XML-RPC call. " + e.getMessage());
    }
    Method method = methods.get(call.method());
    if (method == null) {
      return XmlRpcServer.fault(-506, "Method not defined");
    }
    Params params = new Params(call.method(), call.params());
    try {
      String session = params.string(0);
      Faults.InjectedError injected = faults.errorFor(call.method());
      if (faults.rejectsAuthentication()) {
        throw new SimError(
            SimError.AUTHENTICATION, "User couldn't be authenticated, aborting call.");
      }
      User caller = cloud.authenticate(session);
      if (injected != null) {
        throw new SimError(injected.code(), injected.message());
      }
      Object result = method.call(caller, params.shift());
      return XmlRpcServer.methodResponse(List.of(true, result, 0));
    } catch (Params.TypeMismatch e) {
      return XmlRpcServer.fault(-501, e.getMessage());
    } catch (SimError e) {
      return XmlRpcServer.methodResponse(
          List.of(false, "[" + call.method() + "] " + e.getMessage(), e.code, e.resourceId, -1L));
    } catch (RuntimeException e) {
      return XmlRpcServer.methodResponse(
          List.of(
              false, "[" + call.method() + "] Internal error: " + e, SimError.INTERNAL, -1, -1L));
    }
  }

  // ------------------------------------------------------------------ methods

  private void register() {
    methods.put("one.system.version", (u, p) -> cloud.version);
    methods.put(
        "one.system.config",
        (u, p) ->
            SimXml.of(
                x ->
                    x.open("OPENNEBULA_CONFIGURATION")
                        .el("DEFAULT_COST", "")
                        .close("OPENNEBULA_CONFIGURATION")));
    methods.put("one.hostpool.info", (u, p) -> hostPool(u));
    methods.put("one.hostpool.monitoring", (u, p) -> hostPoolMonitoring(u, p.integerOr(0, -1)));
    methods.put(
        "one.host.info",
        (u, p) -> {
          synchronized (cloud) {
            SimModel.Host host = cloud.host(p.integer(0));
            requireAdmin(u, "HOST", host.id);
            return SimXml.of(x -> x.host(host, cloud));
          }
        });
    methods.put("one.clusterpool.info", (u, p) -> clusterPool());
    methods.put(
        "one.cluster.info",
        (u, p) -> {
          synchronized (cloud) {
            SimModel.Cluster c = cloud.clusters.get(p.integer(0));
            if (c == null) {
              throw new SimError(
                  SimError.NO_EXISTS,
                  "Error getting cluster [" + p.integer(0) + "].",
                  p.integer(0));
            }
            return SimXml.of(x -> cluster(x, c));
          }
        });
    methods.put(
        "one.zonepool.info",
        (u, p) ->
            SimXml.of(
                x -> {
                  x.open("ZONE_POOL");
                  zone(x);
                  x.close("ZONE_POOL");
                }));
    methods.put(
        "one.zone.info",
        (u, p) -> {
          if (p.integer(0) != cloud.zoneId) {
            throw new SimError(
                SimError.NO_EXISTS, "Error getting zone [" + p.integer(0) + "].", p.integer(0));
          }
          return SimXml.of(this::zone);
        });
    methods.put(
        "one.templatepool.info", (u, p) -> templatePool(p.integer(0), p.integer(1), p.integer(2)));
    methods.put(
        "one.template.info",
        (u, p) -> {
          synchronized (cloud) {
            SimModel.Template t = cloud.templates.get(p.integer(0));
            if (t == null) {
              throw new SimError(
                  SimError.NO_EXISTS,
                  "Error getting VM template [" + p.integer(0) + "].",
                  p.integer(0));
            }
            return SimXml.of(x -> template(x, t));
          }
        });
    methods.put(
        "one.template.instantiate",
        (u, p) ->
            cloud.instantiate(
                u,
                p.integer(0),
                p.optionalString(1, ""),
                p.optionalBoolean(2, false),
                p.optionalString(3, "")));
    methods.put("one.imagepool.info", (u, p) -> imagePool(p.integer(0)));
    methods.put(
        "one.image.info",
        (u, p) -> {
          synchronized (cloud) {
            SimModel.Image i = cloud.image(p.integer(0));
            if (!cloud.mayUse(u, i)) {
              throw new SimError(
                  SimError.AUTHORIZATION,
                  "User [" + u.id + "] : Not authorized to perform USE IMAGE [" + i.id + "].",
                  -1);
            }
            return SimXml.of(x -> image(x, i));
          }
        });
    methods.put("one.image.allocate", (u, p) -> cloud.allocateImage(u, p.string(0), p.integer(1)));
    methods.put("one.image.delete", (u, p) -> cloud.deleteImage(u, p.integer(0)));
    methods.put(
        "one.image.snapshotrevert",
        (u, p) -> cloud.revertImageSnapshot(u, p.integer(0), p.integer(1)));
    methods.put(
        "one.image.snapshotdelete",
        (u, p) -> cloud.deleteImageSnapshot(u, p.integer(0), p.integer(1)));
    methods.put("one.datastorepool.info", (u, p) -> datastorePool());
    methods.put(
        "one.vm.backup",
        (u, p) -> {
          synchronized (cloud) {
            cloud.vm(p.integer(0));
            if (!u.isAdmin()) {
              // A backup is one of a VM's ADMIN operations (VM_ADMIN_OPERATIONS): not its owner's.
              throw new SimError(
                  SimError.AUTHORIZATION,
                  "User ["
                      + u.id
                      + "] : Not authorized to perform ADMIN VM ["
                      + p.integer(0)
                      + "].",
                  -1);
            }
            return cloud.backupVm(u, p.integer(0), optionalInt(p, 1, -1));
          }
        });
    methods.put(
        "one.image.restore",
        (u, p) -> cloud.restoreImage(u, p.integer(0), p.integer(1), p.optionalString(2, "")));
    methods.put("one.template.delete", (u, p) -> cloud.deleteTemplate(u, p.integer(0)));
    methods.put(
        "one.vm.attach",
        (u, p) -> {
          synchronized (cloud) {
            ownedVm(u, p.integer(0));
            return cloud.attachDisk(u, p.integer(0), p.string(1));
          }
        });
    methods.put(
        "one.vm.disksnapshotcreate",
        (u, p) -> {
          synchronized (cloud) {
            ownedVm(u, p.integer(0));
            return cloud.createDiskSnapshot(p.integer(0), p.integer(1), p.string(2));
          }
        });
    methods.put(
        "one.vm.disksnapshotrevert",
        (u, p) -> {
          synchronized (cloud) {
            ownedVm(u, p.integer(0));
            return cloud.revertDiskSnapshot(p.integer(0), p.integer(1), p.integer(2));
          }
        });
    methods.put(
        "one.vm.disksnapshotdelete",
        (u, p) -> {
          synchronized (cloud) {
            ownedVm(u, p.integer(0));
            return cloud.deleteDiskSnapshot(p.integer(0), p.integer(1), p.integer(2));
          }
        });
    methods.put(
        "one.vm.detach",
        (u, p) -> {
          synchronized (cloud) {
            ownedVm(u, p.integer(0));
            return cloud.detachDisk(u, p.integer(0), p.integer(1));
          }
        });
    methods.put("one.vnpool.info", (u, p) -> networkPool(u, p.integer(0)));
    methods.put(
        "one.vn.info",
        (u, p) -> {
          synchronized (cloud) {
            SimModel.Network n = cloud.network(p.integer(0));
            if (!cloud.mayUse(u, n)) {
              throw new SimError(
                  SimError.AUTHORIZATION,
                  "User [" + u.id + "] : Not authorized to perform USE NET [" + n.id + "].",
                  -1);
            }
            return SimXml.of(x -> vnet(x, n));
          }
        });
    methods.put("one.vn.reserve", (u, p) -> cloud.reserve(u, p.integer(0), p.string(1)));
    methods.put("one.vn.delete", (u, p) -> cloud.deleteNetwork(u, p.integer(0)));
    methods.put(
        "one.vn.update",
        (u, p) -> cloud.updateNetwork(u, p.integer(0), p.string(1), optionalInt(p, 2, 0)));
    methods.put("one.secgroup.allocate", (u, p) -> cloud.allocateSecurityGroup(u, p.string(0)));
    methods.put(
        "one.secgroup.update",
        (u, p) -> cloud.updateSecurityGroup(u, p.integer(0), p.string(1), optionalInt(p, 2, 0)));
    methods.put(
        "one.secgroup.info",
        (u, p) -> {
          synchronized (cloud) {
            SimModel.SecurityGroup g = cloud.securityGroup(p.integer(0));
            if (!u.isAdmin() && g.uid != u.id) {
              throw new SimError(
                  SimError.AUTHORIZATION,
                  "User [" + u.id + "] : Not authorized to perform USE SECGROUP [" + g.id + "].",
                  -1);
            }
            return SimXml.of(x -> securityGroup(x, g));
          }
        });
    methods.put(
        "one.vm.disksaveas",
        (u, p) -> {
          synchronized (cloud) {
            ownedVm(u, p.integer(0));
            return cloud.diskSaveAs(
                u, p.integer(0), p.integer(1), p.string(2), optionalInt(p, 4, -1));
          }
        });
    methods.put("one.marketpool.info", (u, p) -> marketPool());
    methods.put(
        "one.vm.chown", (u, p) -> cloud.chownVmAs(u, p.integer(0), p.integer(1), p.integer(2)));
    methods.put(
        "one.image.chown",
        (u, p) -> cloud.chownImageAs(u, p.integer(0), p.integer(1), p.integer(2)));
    methods.put(
        "one.marketapp.allocate", (u, p) -> cloud.allocateMarketApp(u, p.string(0), p.integer(1)));
    methods.put(
        "one.marketapp.info",
        (u, p) -> {
          synchronized (cloud) {
            SimModel.MarketApp a = cloud.marketApp(p.integer(0));
            return SimXml.of(x -> marketApp(x, a));
          }
        });
    methods.put("one.secgroup.delete", (u, p) -> cloud.deleteSecurityGroup(u, p.integer(0)));
    methods.put("one.marketapp.delete", (u, p) -> cloud.deleteMarketApp(u, p.integer(0)));
    methods.put("one.user.delete", (u, p) -> cloud.deleteUser(u, p.integer(0)));
    methods.put("one.group.delete", (u, p) -> cloud.deleteGroup(u, p.integer(0)));
    methods.put("one.secgrouppool.info", (u, p) -> securityGroupPool(u, p.integer(0)));
    methods.put("one.marketapppool.info", (u, p) -> marketAppPool(p.integer(0)));
    methods.put(
        "one.vm.allocate", (u, p) -> cloud.allocateVm(u, p.string(0), p.optionalBoolean(1, false)));
    methods.put(
        "one.vm.info",
        (u, p) -> {
          synchronized (cloud) {
            Vm vm = ownedVm(u, p.integer(0));
            return SimXml.of(x -> x.vm(vm, cloud, SimXml.VmBody.FULL));
          }
        });
    methods.put(
        "one.vm.action",
        (u, p) -> {
          String action = p.string(0);
          int vmId = p.integer(1);
          synchronized (cloud) {
            ownedVm(u, vmId);
            try {
              return cloud.action(action, vmId);
            } catch (SimError e) {
              if (e.code == SimError.ACTION && e.getMessage().startsWith("This action")) {
                throw new SimError(
                    SimError.ACTION,
                    "Error performing action \"" + action + "\": " + e.getMessage(),
                    e.resourceId);
              }
              throw e;
            }
          }
        });
    methods.put(
        "one.vm.deploy",
        (u, p) -> {
          int vmId = p.integer(0);
          int hostId = p.integer(1);
          boolean enforce = p.optionalBoolean(2, false);
          synchronized (cloud) {
            cloud.vm(vmId);
            requireAdmin(u, "VM deploy", vmId);
            return cloud.deploy(vmId, hostId, enforce);
          }
        });
    methods.put("one.vm.migrate", (u, p) -> migrate(u, p));
    methods.put(
        "one.vm.resize",
        (u, p) -> {
          synchronized (cloud) {
            ownedVm(u, p.integer(0));
            return cloud.resize(p.integer(0), p.string(1), p.optionalBoolean(2, false));
          }
        });
    // An appliance (through OneGate) or a client records attributes on the VM: 1 merges them
    // into its user template, 0 replaces it.
    methods.put(
        "one.vm.update",
        (u, p) -> {
          synchronized (cloud) {
            ownedVm(u, p.integer(0));
            return cloud.updateUserTemplate(
                p.integer(0), TemplateText.parse(p.string(1)).single, optionalInt(p, 2, 0) == 1);
          }
        });
    methods.put(
        "one.vm.recover",
        (u, p) -> {
          int vmId = p.integer(0);
          int op = p.integer(1);
          synchronized (cloud) {
            ownedVm(u, vmId);
            return cloud.recover(vmId, op);
          }
        });
    methods.put(
        "one.vm.monitoring",
        (u, p) -> {
          synchronized (cloud) {
            Vm vm = ownedVm(u, p.integer(0));
            return SimXml.of(
                x -> {
                  x.open("MONITORING_DATA");
                  if (vm.state == SimulatedCloud.ACTIVE) {
                    x.open("MONITORING")
                        .el("ID", vm.id)
                        .el("TIMESTAMP", cloud.now())
                        .el("CPU", 5.0);
                    x.el("MEMORY", vm.memoryMib * 1024 / 2).close("MONITORING");
                  }
                  x.close("MONITORING_DATA");
                });
          }
        });
    methods.put(
        "one.vmpool.monitoring", (u, p) -> vmPoolMonitoring(u, p.integer(0), p.integerOr(1, -1)));
    methods.put("one.vmpool.info", (u, p) -> vmPool(u, p, false));
    methods.put("one.vmpool.infoextended", (u, p) -> vmPool(u, p, true));
    methods.put(
        "one.vmpool.infoset",
        (u, p) -> {
          List<Integer> ids = new ArrayList<>();
          for (String id : p.string(0).split(",")) {
            if (!id.isBlank()) {
              ids.add(Integer.parseInt(id.trim()));
            }
          }
          boolean extended = p.optionalBoolean(1, false);
          synchronized (cloud) {
            return SimXml.of(
                x -> {
                  x.open("VM_POOL");
                  cloud.vms.values().stream()
                      .filter(v -> ids.contains(v.id) && visible(u, v))
                      .sorted((a, b) -> b.id - a.id)
                      .forEach(
                          v ->
                              x.vm(
                                  v,
                                  cloud,
                                  extended ? SimXml.VmBody.EXTENDED : SimXml.VmBody.SHORT));
                  x.close("VM_POOL");
                });
          }
        });
    methods.put(
        "one.vmpool.accounting", (u, p) -> accounting(u, p.integer(0), p.integer(1), p.integer(2)));
    methods.put(
        "one.vmpool.showback",
        (u, p) ->
            showback(u, p.integer(0), p.integer(1), p.integer(2), p.integer(3), p.integer(4)));
    methods.put(
        "one.vmpool.calculateshowback",
        (u, p) -> {
          requireAdmin(u, "SHOWBACK", -1);
          return 0;
        });
    methods.put(
        "one.user.allocate",
        (u, p) -> {
          requireAdmin(u, "USER", -1);
          return cloud.allocateUser(p.string(0), p.string(1), p.integerList(3));
        });
    methods.put(
        "one.group.allocate",
        (u, p) -> {
          requireAdmin(u, "GROUP", -1);
          return cloud.allocateGroup(p.string(0));
        });
    methods.put(
        "one.user.quota",
        (u, p) -> {
          synchronized (cloud) {
            int id = p.integer(0);
            User target = user(id);
            requireAdmin(u, "USER", id);
            cloud.setQuota(target.quota, p.string(1));
            return id;
          }
        });
    methods.put(
        "one.group.quota",
        (u, p) -> {
          synchronized (cloud) {
            int id = p.integer(0);
            SimModel.Group target = cloud.groups.get(id);
            if (target == null) {
              throw new SimError(SimError.NO_EXISTS, "Error getting group [" + id + "].", id);
            }
            requireAdmin(u, "GROUP", id);
            cloud.setQuota(target.quota, p.string(1));
            return id;
          }
        });
    methods.put(
        "one.acl.addrule",
        (u, p) -> {
          synchronized (cloud) {
            requireAdmin(u, "ACL", -1);
            return cloud.acl.add(
                SimAcl.parseHex(p.string(0)),
                SimAcl.parseHex(p.string(1)),
                SimAcl.parseHex(p.string(2)));
          }
        });
    methods.put(
        "one.acl.delrule",
        (u, p) -> {
          synchronized (cloud) {
            requireAdmin(u, "ACL", -1);
            cloud.acl.delete(p.integer(0));
            return p.integer(0);
          }
        });
    methods.put(
        "one.acl.info",
        (u, p) -> {
          synchronized (cloud) {
            requireAdmin(u, "ACL", -1);
            return SimXml.of(
                x -> {
                  x.open("ACL_POOL");
                  for (SimAcl.Rule r : cloud.acl.rules()) {
                    x.open("ACL").el("ID", r.id());
                    x.el("USER", Long.toHexString(r.user()).toUpperCase(Locale.ROOT));
                    x.el("RESOURCE", Long.toHexString(r.resource()).toUpperCase(Locale.ROOT));
                    x.el("RIGHTS", Long.toHexString(r.rights()).toUpperCase(Locale.ROOT));
                    x.el("ZONE", "100000000").el("STRING", r.text() + " #0").close("ACL");
                  }
                  x.close("ACL_POOL");
                });
          }
        });
    methods.put(
        "one.user.passwd",
        (u, p) -> {
          synchronized (cloud) {
            int id = p.integer(0);
            User target = user(id);
            if (id != u.id) {
              requireAdmin(u, "USER", id);
            }
            if (p.string(1).isEmpty()) {
              throw new SimError(SimError.ACTION, "Invalid password, it can not be empty", id);
            }
            target.password = p.string(1);
            return id;
          }
        });
    methods.put("one.userpool.info", (u, p) -> users(u));
    methods.put("one.grouppool.info", (u, p) -> groups());
    methods.put(
        "one.user.info",
        (u, p) -> {
          synchronized (cloud) {
            User target = user(p.integer(0) == -1 ? u.id : p.integer(0));
            return SimXml.of(x -> user(x, target));
          }
        });
    methods.put(
        "one.group.info",
        (u, p) -> {
          synchronized (cloud) {
            SimModel.Group g = cloud.groups.get(p.integer(0));
            if (g == null) {
              throw new SimError(
                  SimError.NO_EXISTS, "Error getting group [" + p.integer(0) + "].", p.integer(0));
            }
            return SimXml.of(x -> group(x, g));
          }
        });
  }

  private User user(int id) {
    User target = cloud.users.get(id);
    if (target == null) {
      throw new SimError(SimError.NO_EXISTS, "Error getting user [" + id + "].", id);
    }
    return target;
  }

  /** OpenNebula 7 lists every pool highest id first. */
  private static <T> List<T> descending(Map<Integer, T> pool) {
    List<T> list = new ArrayList<>(pool.values());
    Collections.reverse(list);
    return list;
  }

  private static void requireAdmin(User u, String what, int id) {
    if (!u.isAdmin()) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform MANAGE " + what + " [" + id + "].",
          id);
    }
  }

  /**
   * Whether a VM is in a pool call's filter: -2 all, -1 the caller's and its groups' (what {@link
   * #visible} lets through), -3 the caller's, -4 its primary group's, a user id that user's.
   */
  private static boolean inFilter(User u, Vm vm, int filter) {
    return filter == -2
        || filter == -1
        || (filter == -3 && vm.uid == u.id)
        || (filter == -4 && vm.gid == u.primaryGroup())
        || (filter >= 0 && vm.uid == filter);
  }

  private boolean visible(User u, Vm vm) {
    return u.isAdmin() || vm.uid == u.id;
  }

  private Vm ownedVm(User u, int vmId) {
    Vm vm = cloud.vm(vmId);
    if (!visible(u, vm)) {
      throw new SimError(
          SimError.AUTHORIZATION,
          "User [" + u.id + "] : Not authorized to perform MANAGE VM [" + vmId + "].",
          vmId);
    }
    return vm;
  }

  private String hostPool(User u) {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("HOST_POOL");
            if (u.isAdmin()) { // outside oneadmin: an empty pool, not an error
              descending(cloud.hosts).forEach(h -> x.host(h, cloud));
            }
            x.close("HOST_POOL");
          });
    }
  }

  /**
   * The running VMs' monitoring records, as {@code oned} keeps them: one when the VM starts, then
   * one every {@link #MONITOR_VM_SECONDS}, for {@link #MONITORING_KEPT_SECONDS}; {@code seconds} as
   * for hosts (0: each VM's latest). A VM that holds GPUs reports what OpenNebula 7's KVM probe
   * does: {@code GPU_UTILIZATION} (the mean over its GPUs, percent; here its host's simulated GPU
   * load) and {@code GPU_COUNT}.
   */
  private String vmPoolMonitoring(User u, int filter, int seconds) {
    if (filter < -4) {
      throw new SimError(SimError.RPC_API, "Incorrect filter_flag");
    }
    synchronized (cloud) {
      long last = cloud.now();
      long from =
          seconds == 0
              ? last - MONITOR_VM_SECONDS + 1
              : Math.max(last - monitoringKeptSeconds, seconds < 0 ? 0 : last - seconds + 1);
      return SimXml.of(
          x -> {
            x.open("MONITORING_DATA");
            for (Vm vm : cloud.vms.values()) {
              if (vm.state != SimulatedCloud.ACTIVE
                  || vm.hostId < 0
                  || !visible(u, vm)
                  || !inFilter(u, vm, filter)) {
                continue;
              }
              SimModel.Host host = cloud.hosts.get(vm.hostId);
              long gpus = host == null ? 0 : host.pci.stream().filter(d -> d.vmId == vm.id).count();
              // Recorded from its start, every MONITOR_VM_SECONDS of its own.
              long first =
                  vm.stime
                      + Math.max(
                              0,
                              Math.floorDiv(
                                  from - vm.stime + MONITOR_VM_SECONDS - 1, MONITOR_VM_SECONDS))
                          * MONITOR_VM_SECONDS;
              for (long t = first; t <= last; t += MONITOR_VM_SECONDS) {
                x.open("MONITORING")
                    .el("TIMESTAMP", t)
                    .el("ID", vm.id)
                    .el("CPU", 5.0)
                    .el("MEMORY", vm.memoryMib * 1024 / 2);
                if (gpus > 0) {
                  x.el(
                          "GPU_UTILIZATION",
                          Math.round(cloud.hostLoad(host).gpuPercentAt(t) * 100) / 100.0)
                      .el("GPU_COUNT", gpus);
                }
                x.close("MONITORING");
              }
            }
            x.close("MONITORING_DATA");
          });
    }
  }

  /**
   * Every host's monitoring records, as {@code oned} keeps them: one every {@link
   * #MONITOR_HOST_SECONDS}, for {@link #MONITORING_KEPT_SECONDS}; {@code seconds} 0 is each host's
   * latest, -1 all kept, more the last that many seconds. Oldest first per host; the values come
   * from each host's simulated load ({@link HostLoad}), the same for the same host and time.
   */
  private String hostPoolMonitoring(User u, int seconds) {
    synchronized (cloud) {
      long now = cloud.now();
      long latest = now - now % MONITOR_HOST_SECONDS;
      long from =
          seconds == 0
              ? latest
              : Math.max(now - monitoringKeptSeconds, seconds < 0 ? 0 : now - seconds + 1);
      return SimXml.of(
          x -> {
            x.open("MONITORING_DATA");
            if (u.isAdmin()) {
              for (SimModel.Host h : cloud.hosts.values()) {
                if (h.state == 8) {
                  continue; // OFFLINE: not monitored (a DISABLED host still is)
                }
                long first =
                    from
                        + (MONITOR_HOST_SECONDS - from % MONITOR_HOST_SECONDS)
                            % MONITOR_HOST_SECONDS;
                for (long t = first; t <= latest; t += MONITOR_HOST_SECONDS) {
                  double cpu = cloud.hostLoad(h).cpuPercentAt(t);
                  double memory = Math.min(100, 30 + 0.45 * cpu);
                  long usedCpu = Math.round(h.maxCpu * cpu / 100);
                  long usedMemory = Math.round(h.maxMemKib * memory / 100);
                  x.open("MONITORING")
                      .el("TIMESTAMP", t)
                      .el("ID", h.id)
                      .open("CAPACITY")
                      .el("FREE_CPU", h.maxCpu - usedCpu)
                      .el("FREE_MEMORY", h.maxMemKib - usedMemory)
                      .el("USED_CPU", usedCpu)
                      .el("USED_MEMORY", usedMemory)
                      .close("CAPACITY")
                      .open("SYSTEM")
                      .el("NETRX", 0)
                      .el("NETTX", 0)
                      .close("SYSTEM")
                      .close("MONITORING");
                }
              }
            }
            x.close("MONITORING_DATA");
          });
    }
  }

  /** How often {@code oned} records a host's monitoring here (its MONITOR_HOST). */
  static final int MONITOR_HOST_SECONDS = 120;

  /** How often {@code oned} records a VM's monitoring (monitord.conf's MONITOR_VM probe). */
  static final int MONITOR_VM_SECONDS = 30;

  /** How long {@code oned} keeps host monitoring records (HOST_MONITORING_EXPIRATION_TIME). */
  static final int MONITORING_KEPT_SECONDS = 12 * 3600;

  /** How long monitoring records are kept: 12 hours, as oned by default. */
  private volatile long monitoringKeptSeconds = MONITORING_KEPT_SECONDS;

  /**
   * Keeps monitoring records for {@code kept} (oned's {@code HOST_MONITORING_EXPIRATION_TIME}): the
   * demo keeps three days, so that forecasts have history from its first minute.
   */
  public OpenNebulaSimulator keepMonitoring(java.time.Duration kept) {
    this.monitoringKeptSeconds = kept.getSeconds();
    return this;
  }

  private String clusterPool() {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("CLUSTER_POOL");
            descending(cloud.clusters).forEach(c -> cluster(x, c));
            x.close("CLUSTER_POOL");
          });
    }
  }

  private void cluster(SimXml x, SimModel.Cluster c) {
    List<Integer> hostIds =
        cloud.hosts.values().stream().filter(h -> h.clusterId == c.id).map(h -> h.id).toList();
    List<Integer> networkIds =
        cloud.networks.values().stream()
            .filter(n -> n.clusterIds.contains(c.id))
            .map(n -> n.id)
            .toList();
    x.open("CLUSTER")
        .el("ID", c.id)
        .el("NAME", c.name)
        .ids("HOSTS", hostIds)
        .ids("DATASTORES", List.of(0, 1, 2));
    x.ids("VNETS", networkIds)
        .open("TEMPLATE")
        .attributes(c.template)
        .close("TEMPLATE")
        .close("CLUSTER");
  }

  private void zone(SimXml x) {
    x.open("ZONE").el("ID", cloud.zoneId).el("NAME", cloud.zoneName).el("STATE", 0);
    x.open("TEMPLATE")
        .el("ENDPOINT", endpoint().toString())
        .el("ENDPOINT_GRPC", "127.0.0.1:2634")
        .close("TEMPLATE");
    x.open("SERVER_POOL").close("SERVER_POOL").close("ZONE");
  }

  private String templatePool(int filter, int start, int end) {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("VMTEMPLATE_POOL");
            cloud.templates.values().stream()
                .filter(t -> inRange(t.id, start, end))
                .sorted((a, b) -> b.id - a.id)
                .forEach(t -> template(x, t));
            x.close("VMTEMPLATE_POOL");
          });
    }
  }

  private void template(SimXml x, SimModel.Template t) {
    TemplateText text = TemplateText.parse(t.text);
    x.open("VMTEMPLATE").el("ID", t.id).el("UID", t.uid).el("GID", t.gid).el("UNAME", "oneadmin");
    x.el("GNAME", "oneadmin").el("NAME", t.name).el("REGTIME", cloud.now()).open("TEMPLATE");
    x.attributes(text.single);
    text.vectors.forEach((k, list) -> list.forEach(v -> x.open(k).attributes(v).close(k)));
    x.close("TEMPLATE").close("VMTEMPLATE");
  }

  private static boolean inRange(int id, int start, int end) {
    return (start < 0 || id >= start) && (end < 0 || id <= end);
  }

  private String imagePool(int filter) {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("IMAGE_POOL");
            cloud.images.values().stream().sorted((a, b) -> b.id - a.id).forEach(i -> image(x, i));
            x.close("IMAGE_POOL");
          });
    }
  }

  private static void image(SimXml x, SimModel.Image i) {
    x.open("IMAGE")
        .el("ID", i.id)
        .el("UID", i.uid)
        .el("GID", i.gid)
        .el("NAME", i.name)
        .el("TYPE", i.type)
        .el("PERSISTENT", i.persistent ? 1 : 0)
        .el("STATE", i.state)
        .el("RUNNING_VMS", i.vmId >= 0 ? 1 : i.usedBy.size())
        .el("SIZE", i.sizeMib)
        .el("DATASTORE_ID", i.datastoreId)
        .el("DATASTORE", "default")
        .el("REGTIME", i.registeredAt);
    if (!i.snapshots.isEmpty()) {
      i.snapshots.xml(x, null);
    }
    x.close("IMAGE");
  }

  /**
   * System 0, image datastores (1), files 2 and the backup datastores, as OpenNebula lists them.
   */
  private String datastorePool() {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("DATASTORE_POOL");
            datastore(x, 0, "system", 1);
            cloud.imageDatastores.forEach(id -> datastore(x, id, "default", 0));
            datastore(x, 2, "files", 2);
            long backupFree = cloud.backupFreeMib();
            cloud.backupDatastores.forEach(id -> datastore(x, id, "backups", 3, backupFree));
            x.close("DATASTORE_POOL");
          });
    }
  }

  private static void datastore(SimXml x, int id, String name, int type) {
    datastore(x, id, name, type, 1_000_000);
  }

  private static void datastore(SimXml x, int id, String name, int type, long freeMib) {
    x.open("DATASTORE").el("ID", id).el("UID", 0).el("GID", 0).el("NAME", name);
    x.el("TYPE", type).el("TOTAL_MB", freeMib + 48576).el("FREE_MB", freeMib).el("USED_MB", 48576);
    x.close("DATASTORE");
  }

  private static int optionalInt(Params p, int index, int fallback) {
    try {
      return p.integer(index);
    } catch (Params.TypeMismatch missing) {
      return fallback;
    }
  }

  /**
   * one.vnpool.info: the networks the caller may use (-2, -1), or only its own (-3); highest id
   * first.
   */
  private String networkPool(SimModel.User u, int filter) {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("VNET_POOL");
            cloud.networks.values().stream()
                .filter(n -> filter == -3 ? n.uid == u.id : cloud.mayUse(u, n))
                .sorted((a, b) -> b.id - a.id)
                .forEach(n -> vnet(x, n));
            x.close("VNET_POOL");
          });
    }
  }

  private void vnet(SimXml x, SimModel.Network n) {
    x.open("VNET")
        .el("ID", n.id)
        .el("UID", n.uid)
        .el("GID", n.gid)
        .el("UNAME", cloud.users.containsKey(n.uid) ? cloud.users.get(n.uid).name : "")
        .el("NAME", n.name)
        .ids("CLUSTERS", n.clusterIds)
        .el("PARENT_NETWORK_ID", n.parentId < 0 ? "" : Integer.toString(n.parentId))
        .el("USED_LEASES", n.leases.size())
        .open("TEMPLATE")
        .el(
            "SECURITY_GROUPS",
            String.join(",", n.securityGroups.stream().map(String::valueOf).toList()))
        .close("TEMPLATE")
        .open("AR_POOL");
    int arId = 0;
    for (long[] r : n.ranges) {
      x.open("AR")
          .el("AR_ID", arId++)
          .el("TYPE", "IP4")
          .el("IP", SimModel.Network.dotted(r[0]))
          .el("SIZE", r[1]);
      if (n.parentId >= 0) {
        x.el("PARENT_NETWORK_AR_ID", 0);
      }
      x.close("AR");
    }
    x.close("AR_POOL").close("VNET");
  }

  /** one.secgrouppool.info: every group for an admin; the caller's own otherwise. */
  private String securityGroupPool(SimModel.User u, int filter) {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("SECURITY_GROUP_POOL");
            cloud.securityGroups.values().stream()
                .filter(g -> filter == -3 ? g.uid == u.id : u.isAdmin() || g.uid == u.id)
                .sorted((a, b) -> b.id - a.id)
                .forEach(g -> securityGroup(x, g));
            x.close("SECURITY_GROUP_POOL");
          });
    }
  }

  private void securityGroup(SimXml x, SimModel.SecurityGroup g) {
    List<Integer> using = new ArrayList<>();
    for (SimModel.Vm vm : cloud.vms.values()) {
      if (!vm.isDone() && vm.nicSecurityGroups.stream().anyMatch(l -> l.contains(g.id))) {
        using.add(vm.id);
      }
    }
    x.open("SECURITY_GROUP")
        .el("ID", g.id)
        .el("UID", g.uid)
        .el("GID", g.gid)
        .el("NAME", g.name)
        .ids("UPDATED_VMS", using)
        .ids("OUTDATED_VMS", List.of())
        .ids("UPDATING_VMS", List.of())
        .ids("ERROR_VMS", List.of())
        .open("TEMPLATE");
    for (Map<String, String> rule : g.rules) {
      x.open("RULE").attributes(rule).close("RULE");
    }
    x.close("TEMPLATE").close("SECURITY_GROUP");
  }

  private String marketAppPool(int filter) {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("MARKETPLACEAPP_POOL");
            cloud.marketApps.values().stream()
                .sorted((a, b) -> b.id - a.id)
                .forEach(a -> marketApp(x, a));
            x.close("MARKETPLACEAPP_POOL");
          });
    }
  }

  private static void marketApp(SimXml x, SimModel.MarketApp a) {
    x.open("MARKETPLACEAPP")
        .el("ID", a.id)
        .el("UID", a.uid)
        .el("GID", a.gid)
        .el("NAME", a.name)
        .el("ORIGIN_ID", a.originImageId)
        .el("SOURCE", a.source)
        .el("MD5", a.md5)
        .el("TYPE", 1)
        .el("SIZE", a.sizeMib)
        .el("VERSION", a.version)
        .el("FORMAT", a.originImageId >= 0 ? "qcow2" : "")
        .el("MARKETPLACE_ID", a.marketId)
        .el("STATE", a.state)
        .close("MARKETPLACEAPP");
  }

  /** one.marketpool.info: the http marketplace images are exported to, with its BASE_URL. */
  private String marketPool() {
    synchronized (cloud) {
      return SimXml.of(
          x ->
              x.open("MARKETPLACE_POOL")
                  .open("MARKETPLACE")
                  .el("ID", SimulatedCloud.EXPORT_MARKET_ID)
                  .el("UID", 0)
                  .el("GID", 0)
                  .el("NAME", "exports")
                  .el("MARKET_MAD", "http")
                  .open("TEMPLATE")
                  .el("BASE_URL", cloud.marketBaseUrl)
                  .el("PUBLIC_DIR", "/var/lib/one/market")
                  .close("TEMPLATE")
                  .close("MARKETPLACE")
                  .close("MARKETPLACE_POOL"));
    }
  }

  /**
   * GET /market/app-N: the bytes of an exported app, as an http marketplace's web server serves
   * them: with a Range, from that byte (206); with the cut the tests set.
   */
  private void serveApp(HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/market/".length());
    SimModel.MarketApp app;
    long length;
    synchronized (cloud) {
      app =
          name.startsWith("app-")
              ? cloud.marketApps.get(Integer.parseInt(name.substring(4)))
              : null;
      if (app == null || app.state != 1 || app.source.isEmpty()) {
        reply(exchange, 404, "text/plain", "Not found");
        return;
      }
      length = app.sizeMib * cloud.bytesPerMib();
    }
    long from = 0;
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
      from = Long.parseLong(range.substring(6, range.length() - 1));
    }
    if (from > 0) {
      cloud.lastResumedFrom.set(from);
      cloud.resumedTransfers.incrementAndGet();
    }
    if (from > length) {
      exchange.getResponseHeaders().set("Content-Range", "bytes */" + length);
      exchange.sendResponseHeaders(416, -1);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
    if (from > 0) {
      exchange
          .getResponseHeaders()
          .set("Content-Range", "bytes " + from + "-" + (length - 1) + "/" + length);
    }
    exchange.sendResponseHeaders(from > 0 ? 206 : 200, length - from);
    long breakAt = faults.takeTransferBreak();
    byte[] buffer = new byte[16 * 1024];
    try (var out = exchange.getResponseBody()) {
      long sent = 0;
      for (long at = from; at < length; ) {
        int n = (int) Math.min(buffer.length, length - at);
        if (breakAt >= 0 && sent + n > breakAt) {
          // The connection drops mid-transfer: what was sent stays sent.
          SimDisks.fill(app.id, at, buffer, (int) (breakAt - sent));
          out.write(buffer, 0, (int) (breakAt - sent));
          out.flush();
          if (faults.downAtBreak()) {
            // Not from this handler's thread: going down stops the pool it runs in.
            goingDown = true;
            downing = new Thread(this::down, "simulator-down");
            downing.start();
          }
          throw new IOException("injected break after " + breakAt + " bytes");
        }
        SimDisks.fill(app.id, at, buffer, n);
        if (at == 0 && faults.corruptsTransfers()) {
          buffer[0] ^= 0x5a;
        }
        out.write(buffer, 0, n);
        at += n;
        sent += n;
      }
    }
  }

  /** vmpool.info: filter, start, end, state[, query]. */
  private String vmPool(User u, Params p, boolean extended) {
    int filter = p.integer(0);
    int start = p.integer(1);
    int end = p.integer(2);
    int state = p.integer(3);
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("VM_POOL");
            cloud.vms.values().stream()
                .filter(v -> visible(u, v))
                .filter(v -> inFilter(u, v, filter))
                .filter(v -> inRange(v.id, start, end))
                .filter(v -> !faults.hidesVm(v.id))
                .filter(v -> state == -2 ? true : state == -1 ? !v.isDone() : v.state == state)
                .sorted((a, b) -> b.id - a.id)
                .forEach(
                    v -> x.vm(v, cloud, extended ? SimXml.VmBody.EXTENDED : SimXml.VmBody.SHORT));
            x.close("VM_POOL");
          });
    }
  }

  private Object migrate(User u, Params p) {
    int vmId = p.integer(0);
    int hostId = p.integer(1);
    boolean live = p.bool(2);
    synchronized (cloud) {
      Vm vm = cloud.vm(vmId);
      cloud.host(hostId);
      requireAdmin(u, "VM migrate", vmId);
      if (vm.state != SimulatedCloud.ACTIVE || vm.lcmState != SimulatedCloud.RUNNING) {
        if (!(vm.state == SimulatedCloud.POWEROFF && !live)) {
          throw new SimError(
              SimError.ACTION,
              "This action is not available for state " + SimulatedCloud.stateName(vm),
              vmId);
        }
      }
      if (live && !vm.heldPci.isEmpty()) {
        throw new SimError(
            SimError.ACTION, "Cannot perform a live migration with PCI devices", vmId);
      }
      if (vm.state == SimulatedCloud.POWEROFF) {
        return cloud.coldMigrate(vmId, hostId, p.optionalBoolean(3, false));
      }
      return cloud.migrateRunning(vmId, hostId, live, p.optionalBoolean(3, false));
    }
  }

  private String accounting(User u, int filter, int startTime, int endTime) {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("HISTORY_RECORDS");
            for (Vm vm : descending(cloud.vms)) {
              if (!visible(u, vm) || (filter >= 0 && vm.uid != filter)) {
                continue;
              }
              for (SimModel.History h : vm.history) {
                boolean endsAfterStart = startTime < 0 || h.etime == 0 || h.etime >= startTime;
                boolean startsBeforeEnd = endTime < 0 || h.stime <= endTime;
                if (endsAfterStart && startsBeforeEnd) {
                  x.history(h, vm, true);
                }
              }
            }
            x.close("HISTORY_RECORDS");
          });
    }
  }

  private String showback(
      User u, int filter, int firstMonth, int firstYear, int lastMonth, int lastYear) {
    YearMonth first = YearMonth.of(firstYear, firstMonth);
    YearMonth last = YearMonth.of(lastYear, lastMonth);
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("SHOWBACK_RECORDS");
            for (Vm vm : cloud.vms.values()) {
              if (!visible(u, vm) || (filter >= 0 && vm.uid != filter)) {
                continue;
              }
              TemplateText t = vm.template;
              double cpuCost = Double.parseDouble(t.get("CPU_COST", "0"));
              double memoryCost = Double.parseDouble(t.get("MEMORY_COST", "0"));
              double diskCost = Double.parseDouble(t.get("DISK_COST", "0"));
              for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                long from = month.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                long to = month.plusMonths(1).atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                double hours = 0;
                double runningHours = 0;
                for (SimModel.History h : vm.history) {
                  hours += overlapHours(h.stime, h.etime, from, to);
                  runningHours += overlapHours(h.rstime, h.retime, from, to);
                }
                if (hours <= 0) {
                  continue;
                }
                double cpu = vm.cpu * cpuCost * runningHours;
                double mem = vm.memoryMib * memoryCost * runningHours;
                double disk = vm.diskMib * diskCost * hours;
                x.open("SHOWBACK")
                    .el("VMID", vm.id)
                    .el("VMNAME", vm.name)
                    .el("UID", vm.uid)
                    .el("GID", vm.gid);
                x.el("UNAME", cloud.users.get(vm.uid).name)
                    .el("GNAME", cloud.groups.get(vm.gid).name);
                x.el("YEAR", month.getYear()).el("MONTH", month.getMonthValue());
                x.el("CPU_COST", cpu)
                    .el("MEMORY_COST", mem)
                    .el("DISK_COST", disk)
                    .el("TOTAL_COST", cpu + mem + disk);
                x.el("HOURS", hours).el("RHOURS", runningHours).close("SHOWBACK");
              }
            }
            x.close("SHOWBACK_RECORDS");
          });
    }
  }

  private double overlapHours(long start, long end, long from, long to) {
    if (start <= 0) {
      return 0;
    }
    long stop = end <= 0 ? cloud.now() : end;
    long overlap = Math.min(stop, to) - Math.max(start, from);
    return overlap <= 0 ? 0 : overlap / 3600.0;
  }

  private String users(User caller) {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("USER_POOL");
            descending(cloud.users).stream()
                .filter(u -> caller.isAdmin() || u.id == caller.id)
                .forEach(u -> user(x, u));
            x.close("USER_POOL");
          });
    }
  }

  private void user(SimXml x, User u) {
    x.open("USER").el("ID", u.id).el("GID", u.primaryGroup()).ids("GROUPS", u.groupIds);
    x.el("GNAME", cloud.groups.get(u.primaryGroup()).name)
        .el("NAME", u.name)
        .el("AUTH_DRIVER", "core");
    x.el("ENABLED", 1);
    quota(x, u.quota);
    x.close("USER");
  }

  private String groups() {
    synchronized (cloud) {
      return SimXml.of(
          x -> {
            x.open("GROUP_POOL");
            descending(cloud.groups).forEach(g -> group(x, g));
            x.close("GROUP_POOL");
          });
    }
  }

  private void group(SimXml x, SimModel.Group g) {
    List<Integer> members =
        cloud.users.values().stream()
            .filter(u -> u.groupIds.contains(g.id))
            .map(u -> u.id)
            .toList();
    x.open("GROUP").el("ID", g.id).el("NAME", g.name).ids("USERS", members);
    quota(x, g.quota);
    x.close("GROUP");
  }

  private static void quota(SimXml x, SimModel.Quota q) {
    x.open("VM_QUOTA");
    if (q.isSet()) {
      x.open("VM").el("VMS", q.vms).el("CPU", SimXml.trim(q.cpu)).el("MEMORY", q.memoryMib);
      x.el("SYSTEM_DISK_SIZE", q.systemDiskMib).close("VM");
    }
    x.close("VM_QUOTA");
  }

  // ------------------------------------------------------------------ parameters

  /** Typed access to call parameters; a wrong type is an XML-RPC fault, as in OpenNebula. */
  static final class Params {
    static final class TypeMismatch extends RuntimeException {
      TypeMismatch(String message) {
        super(message);
      }
    }

    private final String method;
    private final List<Object> values;

    Params(String method, List<Object> values) {
      this.method = method;
      this.values = values;
    }

    Params shift() {
      return new Params(method, values.subList(Math.min(1, values.size()), values.size()));
    }

    private Object at(int index, String type) {
      if (index >= values.size()) {
        throw new TypeMismatch(
            "Not enough parameters: expected a " + type + " at position " + index);
      }
      return values.get(index);
    }

    /** An optional integer parameter: {@code fallback} when the call left it out. */
    int integerOr(int index, int fallback) {
      return index < values.size() ? integer(index) : fallback;
    }

    int integer(int index) {
      Object v = at(index, "integer");
      if (v instanceof Integer i) {
        return i;
      }
      throw new TypeMismatch("Parameter that is supposed to be integer is not");
    }

    String string(int index) {
      Object v = at(index, "string");
      if (v instanceof String s) {
        return s;
      }
      throw new TypeMismatch("Parameter that is supposed to be string is not");
    }

    boolean bool(int index) {
      Object v = at(index, "boolean");
      if (v instanceof Boolean b) {
        return b;
      }
      throw new TypeMismatch("Parameter that is supposed to be boolean is not");
    }

    boolean optionalBoolean(int index, boolean fallback) {
      return index < values.size() ? bool(index) : fallback;
    }

    String optionalString(int index, String fallback) {
      return index < values.size() ? string(index) : fallback;
    }

    List<Integer> integerList(int index) {
      if (index >= values.size()) {
        return List.of();
      }
      if (!(values.get(index) instanceof List<?> list)) {
        throw new TypeMismatch("Parameter that is supposed to be array is not");
      }
      List<Integer> result = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof Integer i)) {
          throw new TypeMismatch("Parameter that is supposed to be integer is not");
        }
        result.add(i);
      }
      return result;
    }
  }
}
