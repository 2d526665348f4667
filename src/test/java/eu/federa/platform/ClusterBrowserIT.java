package eu.federa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.devstack.Folders;
import eu.federa.devstack.LoadBalancer;
import eu.federa.devstack.StackSettings;
import eu.federa.devstack.TestStack;
import eu.federa.devstack.WildFlyServer;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.KeycloakAdmin;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal as a cluster: Arquillian's WildFly and a second node of the built WAR on the suite's
 * database and Keycloak, behind Debian's HAProxy ({@link LoadBalancer}), sessions kept by the nodes
 * together (wildfly-config/cluster.cli). A member who is half-way through an order keeps her
 * session and her form when the node serving her is killed; background work is done once per item
 * with both nodes running.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBrowserIT extends BrowserSupport {

  private static final int BALANCER_PORT = 27700;
  private static final String CLIENT = "federa-portal";

  /** Arquillian's WildFly, the first node: it stays up for the tests that follow. */
  private static final String FIRST = "node-1";

  /** The node this class starts, and kills. */
  private static final String SECOND = "node-2";

  @Deployment(testable = false)
  static WebArchive portalOnTheFirstNode() {
    return Deployments.portal();
  }

  private static WildFlyServer second;

  /** Where the first node's log stood when this class began. */
  private static long firstLogFrom;

  private static LoadBalancer balancer;
  private static String portal;

  @BeforeAll
  static void startTheCluster() throws Exception {
    allowRedirectsTo("http://127.0.0.1:" + BALANCER_PORT + "/federa/*", true);
    Path firstLog = Path.of("target/server/standalone/log/server.log");
    firstLogFrom = Files.exists(firstLog) ? Files.size(firstLog) : 0;
    // The second node joins Arquillian's (IntegrationStackListener names it among the members).
    List<String> arguments = new ArrayList<>(TestStack.portalProperties());
    arguments.removeIf(a -> a.startsWith("-Djboss.") || a.startsWith("-Dfedera.cluster."));
    arguments.addAll(
        WildFlyServer.clusterArguments(
            TestStack.CLUSTER_NAME,
            SECOND,
            TestStack.SECOND_NODE_CLUSTER_PORT,
            List.of(TestStack.CLUSTER_PORT, TestStack.SECOND_NODE_CLUSTER_PORT)));
    arguments.add("-Dfedera.log.json=true"); // its lines in log/server.json too
    StackSettings node = TestStack.nodeSettings("cluster-" + SECOND, 27681, 27691);
    Folders.deleteRecursively(node.workDir()); // its log tells of this run only
    second = WildFlyServer.start(node, Map.of(), arguments);
    balancer =
        LoadBalancer.start(
            TestStack.nodeSettings("cluster-balancer", 0, 0).workDir(),
            BALANCER_PORT,
            List.of(
                new LoadBalancer.Backend(
                    FIRST, TestStack.portalHttpPort(), TestStack.portalManagementPort()),
                new LoadBalancer.Backend(SECOND, 27681, 27691)));
    portal = balancer.url() + "/federa/";
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    if (balancer != null) {
      balancer.close();
    }
    if (second != null) {
      second.close();
    }
    allowRedirectsTo("http://127.0.0.1:" + BALANCER_PORT + "/federa/*", false);
  }

  @Test
  @Order(1)
  void withBothNodesRunningEveryOrderIsProvisionedOnce() throws Exception {
    // The first node is Arquillian's WildFly: its log from here on.
    Path first = Path.of("target/server/standalone/log/server.log");
    long firstFrom = Files.exists(first) ? Files.size(first) : 0;
    signIn(portal + "resources.xhtml", "mia");
    SessionApi mia = new SessionApi(portal, browser);
    String acme = mia.tenantNamed("Acme Analytics SAS");
    List<Long> orders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      orders.add(
          Long.parseLong(
              mia.orderSmallVm(acme, "cluster-" + UUID.randomUUID().toString().substring(0, 6))));
    }

    // Both nodes claim saga steps from the database meanwhile: each order runs once.
    for (long order : orders) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> state(mia, acme, order).equals("RUNNING"));
    }
    for (long order : orders) {
      long vms =
          TestStack.simulators().stream()
              .mapToLong((OpenNebulaSimulator s) -> s.cloud().vmsOfOrder(order))
              .sum();
      assertThat(vms).as("VMs instantiated for order %d at the providers", order).isEqualTo(1);
    }
    assertThat(runningWithTheirVm(orders)).as("orders running with their VM").isEqualTo(4);

    // Who did it: each deployment is logged once, by the node that saw the VM run, in a line that
    // names the order and its tenant (text: node-1; JSON: node-2).
    Map<Long, Integer> deployments = new java.util.HashMap<>();
    for (String line : linesOf(first, firstFrom)) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\\{[^}]*order=(\\d+)[^}]*} Running at ").matcher(line);
      if (m.find() && line.matches(".*tenant=" + acme + "[,}].*")) {
        deployments.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
      }
    }
    Path json = second.serverLog().resolveSibling("server.json");
    for (String line : linesOf(json, 0)) {
      JsonObject entry = Json.createReader(new StringReader(line)).readObject();
      JsonObject mdc = entry.getJsonObject("mdc");
      if (entry.getString("message").startsWith("Running at ")
          && mdc != null
          && acme.equals(mdc.getString("tenant", null))) {
        deployments.merge(Long.parseLong(mdc.getString("order")), 1, Integer::sum);
      }
    }
    for (long order : orders) {
      assertThat(deployments.get(order))
          .as("log lines of order %d's deployment", order)
          .isEqualTo(1);
    }

    for (long order : orders) {
      Answer ended = mia.post("api/v1/tenants/" + acme + "/orders/" + order + "/terminate", "{}");
      assertThat(ended.status()).as(ended.body()).isIn(200, 202);
    }
    for (long order : orders) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> state(mia, acme, order).equals("TERMINATED"));
    }
    assertThat(sessionFailures()).isEmpty();
  }

  @Test
  @Order(2)
  void whenTheNodeServingAMemberDiesHerSessionAndHerFormCarryOnOnTheOther() throws Exception {
    // She is served by the second node (the balancer's cookie says so): it is the one that dies.
    browser.get(balancer.url() + "/federa/error/404.xhtml");
    browser.manage().addCookie(new Cookie(LoadBalancer.COOKIE, SECOND, "/"));
    signIn(portal + "catalog.xhtml", "mia");
    browser.findElement(By.cssSelector("a.order-image")).click();
    wait.until(ExpectedConditions.urlContains("order.xhtml"));
    String name = "failover-" + UUID.randomUUID().toString().substring(0, 6);
    byId("order:name").sendKeys(name);
    new Select(byId("order:size")).selectByValue("s-2");
    byId("order:preview").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed-at")));
    String placedAt = text("placed-at");

    Cookie served = browser.manage().getCookieNamed(LoadBalancer.COOKIE);
    assertThat(served).as("the balancer's cookie").isNotNull();
    String dead = served.getValue();
    assertThat(dead).as("the node serving her").isEqualTo(SECOND);
    second.killHard();

    // The same page, its placement shown, placed on the other node: no sign-in, nothing retyped.
    clickSettled("order:place");
    confirmYes();
    wait.until(ExpectedConditions.urlContains("resource.xhtml"));
    assertThat(browser.getCurrentUrl()).doesNotContain("/realms/");
    assertThat(text("user-name")).isNotBlank();
    assertThat(browser.manage().getCookieNamed(LoadBalancer.COOKIE).getValue()).isNotEqualTo(dead);
    assertThat(placedAt).isNotBlank();

    String id = browser.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");
    WebDriverWait slow = waitUpTo(Duration.ofSeconds(120));
    slow.ignoring(StaleElementReferenceException.class);
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    assertThat(ordersNamed(name)).as("orders placed from the form").isEqualTo(1);
    assertThat(
            TestStack.simulators().stream()
                .mapToLong(s -> s.cloud().vmsOfOrder(Long.parseLong(id)))
                .sum())
        .isEqualTo(1);

    clickSettled("resource:terminate");
    confirmYes();
    slow.until(
        ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-TERMINATED"));
    assertThat(sessionFailures()).isEmpty();
  }

  private static String state(SessionApi api, String tenant, long order) {
    Answer answer = api.get("api/v1/tenants/" + tenant + "/orders/" + order);
    if (answer.status() != 200) {
      return "HTTP " + answer.status();
    }
    JsonObject json = Json.createReader(new StringReader(answer.body())).readObject();
    return json.getString("state");
  }

  /** How many of {@code orders} are running with a VM at their provider. */
  private static long runningWithTheirVm(List<Long> orders) throws Exception {
    try (Connection c = TestStack.database();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT COUNT(*) FROM vm_order WHERE id = ? AND state = 'RUNNING'"
                    + " AND one_vm_id IS NOT NULL")) {
      long n = 0;
      for (long order : orders) {
        q.setLong(1, order);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          n += rs.getLong(1);
        }
      }
      return n;
    }
  }

  /** The lines of {@code log} written after its first {@code from} bytes (none: no file). */
  private static List<String> linesOf(Path log, long from) throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    byte[] all = Files.readAllBytes(log);
    String after =
        new String(
            all,
            (int) Math.min(from, all.length),
            (int) Math.max(0, all.length - from),
            java.nio.charset.StandardCharsets.UTF_8);
    return after.lines().filter(l -> !l.isBlank()).toList();
  }

  private static long ordersNamed(String name) throws Exception {
    try (Connection c = TestStack.database();
        PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM vm_order WHERE name = ?")) {
      q.setString(1, name);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Lines of the nodes' logs that say a session could not be kept in the cluster, or that a request
   * failed (a bean that came back without what it needs).
   */
  private static List<String> sessionFailures() throws IOException {
    List<String> found = new ArrayList<>();
    List<String> lines =
        new ArrayList<>(linesOf(Path.of("target/server/standalone/log/server.log"), firstLogFrom));
    lines.addAll(linesOf(second.serverLog(), 0));
    for (String line : lines) {
      if (line.contains("NotSerializableException")
          || line.contains("Cannot marshall")
          || line.contains("UT005023")
          || line.contains("WFLYCLWEB")) {
        found.add(line);
      }
    }
    return found;
  }

  /** Adds (or removes) {@code uri} to the portal client's redirect URIs in Keycloak. */
  private static void allowRedirectsTo(String uri, boolean allow) throws Exception {
    KeycloakAdmin admin = new KeycloakAdmin("federa");
    JsonObject client = admin.get("/clients?clientId=" + CLIENT).asJsonArray().getJsonObject(0);
    JsonArrayBuilder uris = Json.createArrayBuilder();
    for (JsonValue u : client.getJsonArray("redirectUris")) {
      if (!((jakarta.json.JsonString) u).getString().equals(uri)) {
        uris.add(u);
      }
    }
    if (allow) {
      uris.add(uri);
    }
    JsonObject changed = Json.createObjectBuilder(client).add("redirectUris", uris).build();
    int status =
        admin.call("PUT", "/clients/" + client.getString("id"), changed.toString()).statusCode();
    assertThat(status).isEqualTo(204);
  }
}
