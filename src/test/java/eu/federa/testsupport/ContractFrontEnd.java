package eu.federa.testsupport;

import eu.federa.cloud.Host;
import eu.federa.cloud.Template;
import eu.federa.cloud.opennebula.CallGuard;
import eu.federa.cloud.opennebula.Endpoint;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The OpenNebula front-end the contract suite runs against: a real one when {@code
 * FEDERA_ONE_CONTRACT_URL} is set (with {@code FEDERA_ONE_CONTRACT_USER}, {@code
 * FEDERA_ONE_CONTRACT_PASSWORD} and the id of the template {@code bench/opennebula-contract.sh}
 * creates in {@code FEDERA_ONE_CONTRACT_TEMPLATE}), else Federa's simulator set up as that script
 * sets up the real one: two 8-core hosts with 16 GiB and one NVIDIA 0302 device each, an image and
 * a network that the template names, all owned by oneadmin.
 */
public final class ContractFrontEnd implements AutoCloseable {

  private final URI endpoint;
  private final String user;
  private final String password;
  private final int templateId;
  private final OpenNebulaSimulator simulator;

  private ContractFrontEnd(
      URI endpoint, String user, String password, int templateId, OpenNebulaSimulator simulator) {
    this.endpoint = endpoint;
    this.user = user;
    this.password = password;
    this.templateId = templateId;
    this.simulator = simulator;
  }

  /** Whether this run is against a real front-end. */
  public static boolean isReal() {
    String url = System.getenv("FEDERA_ONE_CONTRACT_URL");
    return url != null && !url.isBlank();
  }

  public static ContractFrontEnd start() throws IOException {
    if (isReal()) {
      return new ContractFrontEnd(
          URI.create(System.getenv("FEDERA_ONE_CONTRACT_URL")),
          env("FEDERA_ONE_CONTRACT_USER", "oneadmin"),
          env("FEDERA_ONE_CONTRACT_PASSWORD", ""),
          Integer.parseInt(env("FEDERA_ONE_CONTRACT_TEMPLATE", "0")),
          null);
    }
    SimulatedCloud cloud = new SimulatedCloud(0, "contract", "contract-secret", Clock.systemUTC());
    // Slow enough that a call sent right after an asynchronous action meets its transient state.
    cloud.setStepDelay(Duration.ofMillis(400));
    int cluster = cloud.addCluster("default");
    for (int h = 1; h <= 2; h++) {
      int host = cloud.addHost("contract-host-" + h, cluster, 8, 16384, 1_000_000);
      cloud.addGpu(host, "10de", "0863", "C79 [GeForce 9400M]", "0302");
    }
    cloud.addImage("contract-os", 1024);
    cloud.addNetwork("contract-net", "10.250.0.10", 100);
    cloud.addNetwork("contract-internet", "203.0.113.10", 20);
    int template =
        cloud.addTemplate(
            "contract-os",
            "CPU = \"1\"\nVCPU = \"1\"\nMEMORY = \"512\"\n"
                + "DISK = [ IMAGE = \"contract-os\", IMAGE_UNAME = \"oneadmin\" ]\n"
                + "NIC = [ NETWORK = \"contract-net\", NETWORK_UNAME = \"oneadmin\" ]\n"
                + "CONTEXT = [ SET_HOSTNAME = \"$NAME\", TOKEN = \"YES\" ]\n");
    OpenNebulaSimulator simulator = OpenNebulaSimulator.start(cloud, 0);
    return new ContractFrontEnd(
        simulator.endpoint(), "oneadmin", "contract-secret", template, simulator);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public URI endpoint() {
    return endpoint;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The template the suite instantiates (image and network named inside). */
  public int templateId() {
    return templateId;
  }

  /** The simulator, or null against a real front-end. */
  public OpenNebulaSimulator simulator() {
    return simulator;
  }

  /** What OpenNebula says it is (e.g. 7.5.80), for the record. */
  public String version() {
    return admin().version();
  }

  public OpenNebulaClient admin() {
    return as(user, password);
  }

  /** A client as any user of the front-end, one try per call (the suite checks answers). */
  public OpenNebulaClient as(String name, String secret) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    CallGuard.Settings settings =
        new CallGuard.Settings(1000, 1, Duration.ofMillis(1), 100, Duration.ofSeconds(30));
    return new OpenNebulaClient(
        new Endpoint(endpoint, name, secret),
        http,
        Duration.ofSeconds(20),
        new CallGuard(settings, Clock.systemUTC(), noRetryWait -> {}));
  }

  /** The hosts that take VMs, highest id first as OpenNebula lists them. */
  public List<Host> monitoredHosts() {
    return admin().hostPool().stream().filter(h -> h.state().takesNewVms()).toList();
  }

  public Template template() {
    return admin().template(templateId);
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
  }
}
