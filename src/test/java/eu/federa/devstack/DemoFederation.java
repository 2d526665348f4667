package eu.federa.devstack;

import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The demo federation: six simulated OpenNebula front-ends in six EU countries, two of them edge
 * sites near a city and two with GPU hosts, on loopback ports from a base port. Writes the JSON
 * file the portal imports on first start.
 */
public final class DemoFederation implements AutoCloseable {

  /** One provider of the demo. */
  record Site(
      String name,
      String legalEntity,
      String country,
      String city,
      double latitude,
      double longitude,
      String jurisdiction,
      List<String> certifications,
      boolean edge,
      String zone) {}

  static final List<Site> SITES =
      List.of(
          new Site(
              "Lutece Cloud",
              "Lutece Cloud SAS",
              "FR",
              "Paris",
              48.8566,
              2.3522,
              "France",
              List.of("SecNumCloud", "ISO 27001", "HDS"),
              false,
              "fr-par"),
          new Site(
              "Rheinwerk Rechenzentrum",
              "Rheinwerk RZ GmbH",
              "DE",
              "Frankfurt am Main",
              50.1109,
              8.6821,
              "Germany",
              List.of("C5", "ISO 27001"),
              false,
              "de-fra"),
          new Site(
              "Wisla Compute",
              "Wisla Compute sp. z o.o.",
              "PL",
              "Warsaw",
              52.2297,
              21.0122,
              "Poland",
              List.of("ISO 27001"),
              false,
              "pl-waw"),
          new Site(
              "Tejo Cloud",
              "Tejo Cloud S.A.",
              "PT",
              "Lisbon",
              38.7223,
              -9.1393,
              "Portugal",
              List.of("ISO 27001", "ENS Alta"),
              false,
              "pt-lis"),
          new Site(
              "Helsinki Edge",
              "Nordic Edge Oy",
              "FI",
              "Helsinki",
              60.1699,
              24.9384,
              "Finland",
              List.of("ISO 27001"),
              true,
              "fi-hel-edge"),
          new Site(
              "Milano Edge",
              "Edge Italia S.r.l.",
              "IT",
              "Milan",
              45.4642,
              9.1900,
              "Italy",
              List.of("ISO 27001", "ACN Qualified"),
              true,
              "it-mil-edge"));

  /**
   * The GPU sites' token prices (EUR per million input and output tokens): general rates, and the
   * small models cheaper.
   */
  private static final String TOKENS =
      ", \"tokens\": {\"in\": 0.40, \"out\": 1.20}, \"modelTokens\": {"
          + "\"mistral-7b-instruct\": {\"in\": 0.15, \"out\": 0.45},"
          + " \"llama-3.1-8b-instruct\": {\"in\": 0.18, \"out\": 0.54}}";

  /** Each site's price list (EUR): per vCPU-hour, GiB-hour, GiB-month of disk, and GPU-hours. */
  static final List<String> PRICES =
      List.of(
          "{\"vcpuHour\": 0.021, \"memoryGibHour\": 0.0028, \"diskGibMonth\": 0.045, \"gpuHour\": {\"H100\": 2.90}"
              + TOKENS
              + "}",
          "{\"vcpuHour\": 0.019, \"memoryGibHour\": 0.0026, \"diskGibMonth\": 0.040, \"gpuHour\": {\"A100\": 1.85}"
              + TOKENS
              + "}",
          "{\"vcpuHour\": 0.014, \"memoryGibHour\": 0.0019, \"diskGibMonth\": 0.035, \"gpuHour\": {\"L40S\": 0.95}"
              + TOKENS
              + "}",
          "{\"vcpuHour\": 0.015, \"memoryGibHour\": 0.0020, \"diskGibMonth\": 0.036, \"gpuHour\": {}}",
          "{\"vcpuHour\": 0.024, \"memoryGibHour\": 0.0031, \"diskGibMonth\": 0.050, \"gpuHour\": {}}",
          "{\"vcpuHour\": 0.023, \"memoryGibHour\": 0.0030, \"diskGibMonth\": 0.050, \"gpuHour\": {}}");

  /**
   * Where the portal reaches an inference VM's model server: the simulated provider's stand-in for
   * the VM (SimAppliances), through the front-end that runs it.
   */
  public static final String REPLICA_URL = "{front-end}/appliances/{ip}";

  /** Where the portal opens a notebook VM's JupyterLab: the same stand-in's page. */
  public static final String NOTEBOOK_URL = "{front-end}/appliances/{ip}/lab";

  private final List<OpenNebulaSimulator> simulators = new ArrayList<>();

  private DemoFederation() {}

  /** Starts the simulators on {@code basePort}, {@code basePort + 1}, ... */
  public static DemoFederation start(int basePort, String adminPassword) {
    DemoFederation federation = new DemoFederation();
    try {
      for (int i = 0; i < SITES.size(); i++) {
        Ports.requireFree(
            basePort + i, "simulated OpenNebula " + SITES.get(i).name(), "FEDERA_SIM_BASE_PORT");
        SimulatedCloud cloud =
            new SimulatedCloud(i, SITES.get(i).zone(), adminPassword, Clock.systemUTC());
        populate(cloud, i);
        OpenNebulaSimulator simulator = OpenNebulaSimulator.start(cloud, basePort + i);
        // Tokens come at a readable pace.
        simulator.appliances().tokensPerSecond(40);
        federation.simulators.add(simulator);
      }
    } catch (IOException e) {
      federation.close();
      throw new StackException("A simulated OpenNebula did not start: " + e.getMessage(), e);
    }
    federation.pace(DEMO_STEP, DEMO_WARM_UP);
    return federation;
  }

  /**
   * How long each of a VM's life-cycle steps takes at the demo's providers (PROLOG, BOOT, ...):
   * long enough for a user to see a VM on its way.
   */
  public static final Duration DEMO_STEP = Duration.ofSeconds(2);

  /** How long a model takes to load once its VM runs, at the demo's providers. */
  public static final Duration DEMO_WARM_UP = Duration.ofSeconds(3);

  /**
   * Sets how long each life-cycle step takes at every provider of this federation and how long a
   * model server takes to answer once its VM runs (the tests run at a quicker pace than the demo).
   */
  public void pace(Duration step, Duration warmUp) {
    for (OpenNebulaSimulator simulator : simulators) {
      simulator.cloud().setStepDelay(step);
      simulator.appliances().warmUp(warmUp);
    }
  }

  private static void populate(SimulatedCloud cloud, int index) {
    String zone = SITES.get(index).zone();
    int main = cloud.addCluster(zone + "-a");
    int hostCount = SITES.get(index).edge() ? 3 : 6;
    for (int h = 1; h <= hostCount; h++) {
      cloud.addHost(
          String.format(Locale.ROOT, "%s-cpu-%02d", zone, h), main, 64, 262144, 4_000_000);
    }
    if (!SITES.get(index).edge()) {
      cloud.setHostState(1, 4); // one host in maintenance (DISABLED), as in real life
    }
    if (index == 0 || index == 1) { // Paris: H100, Frankfurt: A100
      int gpu = cloud.addCluster(zone + "-gpu");
      String device = index == 0 ? "2330" : "20b5";
      String model = index == 0 ? "H100 SXM5 80GB" : "A100 SXM4 80GB";
      for (int h = 1; h <= 2; h++) {
        int host =
            cloud.addHost(
                String.format(Locale.ROOT, "%s-gpu-%02d", zone, h), gpu, 96, 1048576, 8_000_000);
        for (int g = 0; g < 4; g++) {
          cloud.addGpu(host, "10de", device, model, "0302");
        }
      }
    }
    if (index == 2) { // Warsaw: one inference host with an L40S
      int host = cloud.addHost(zone + "-gpu-01", main, 48, 393216, 4_000_000);
      cloud.addGpu(host, "10de", "26b9", "L40S 48GB", "0302");
    }
    cloud.addImage("ubuntu-24.04", 4096);
    cloud.addImage("debian-12", 3072);
    cloud.addNetwork("public", "10." + (20 + index) + ".0.10", 200);
    if (!SITES.get(index).edge()) {
      // Core sites offer public addresses (documentation range, RFC 5737), priced per hour.
      cloud.addNetwork("internet", "203.0.113." + (10 + index * 40), 30);
    }
    // Template ids 0 and 1: the catalog's images (see "templates" in the import file).
    cloud.addTemplate(
        "ubuntu-24.04",
        "CPU = \"1\"\nVCPU = \"2\"\nMEMORY = \"4096\"\nDISK = [ IMAGE_ID = \"0\" ]\nNIC = [ NETWORK_ID = \"0\" ]\n");
    cloud.addTemplate(
        "debian-12",
        "CPU = \"1\"\nVCPU = \"2\"\nMEMORY = \"4096\"\nDISK = [ IMAGE_ID = \"1\" ]\nNIC = [ NETWORK_ID = \"0\" ]\n");
    // Ids 2 to 4: the appliances behind the AI services (they read FEDERA_MODEL and so on).
    for (String appliance : List.of("vllm-appliance", "jupyterlab", "training-runner")) {
      cloud.addTemplate(
          appliance,
          "CPU = \"1\"\nVCPU = \"2\"\nMEMORY = \"4096\"\nDISK = [ IMAGE_ID = \"0\" ]\nNIC = [ NETWORK_ID = \"0\" ]\n");
    }
    cloud.addMarketApp("vLLM inference appliance", 20480, "0.6.4");
  }

  /** Site {@code i}'s prices as imported: core sites also price public addresses. */
  static String pricesOf(int i) {
    return SITES.get(i).edge()
        ? PRICES.get(i)
        : PRICES.get(i).replaceFirst("\\{", "{\"publicIpHour\": 0.006, ");
  }

  public List<OpenNebulaSimulator> simulators() {
    return simulators;
  }

  /** The providers as the portal imports them (FEDERA_DEMO_FEDERATION); holds the API password. */
  public Path writeImportFile(Path file, String adminPassword) {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < SITES.size(); i++) {
      Site s = SITES.get(i);
      String certifications =
          s.certifications().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
      json.append(
          String.format(
              Locale.ROOT,
              "  {\"name\": \"%s\", \"legalEntity\": \"%s\", \"countryCode\": \"%s\", \"city\": \"%s\","
                  + " \"latitude\": %.4f, \"longitude\": %.4f, \"jurisdiction\": \"%s\", \"certifications\": [%s],"
                  + " \"endpointUrl\": \"%s\", \"apiUsername\": \"oneadmin\", \"apiSecret\": \"%s\", \"edgeSite\": %s,"
                  + " \"notes\": \"Simulated OpenNebula zone %s (demo)\","
                  + " \"templates\": {\"ubuntu-24.04\": 0, \"debian-12\": 1, \"vllm-appliance\": 2,"
                  + " \"jupyterlab\": 3, \"training-runner\": 4}, \"prices\": %s%s,"
                  + " \"accessMeasures\": %s}%s%n",
              s.name(),
              s.legalEntity(),
              s.country(),
              s.city(),
              s.latitude(),
              s.longitude(),
              s.jurisdiction(),
              certifications,
              simulators.get(i).endpoint(),
              adminPassword,
              s.edge(),
              s.zone(),
              pricesOf(i),
              s.edge() ? "" : ", \"publicNetwork\": \"internet\"",
              // What the demo operators state against third-country access (Data Act Art. 28).
              s.edge()
                  ? "[\"EU_CONTROLLED_OPERATOR\", \"ENCRYPTION_AT_REST\"]"
                  : "[\"EU_CONTROLLED_OPERATOR\", \"NO_EXTRATERRITORIAL_LAW\","
                      + " \"EU_ONLY_ADMINISTRATION\", \"ENCRYPTION_AT_REST\","
                      + " \"REQUESTS_CHALLENGED_AND_NOTIFIED\"]",
              i + 1 < SITES.size() ? "," : ""));
    }
    json.append("]\n");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json.toString());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    simulators.forEach(OpenNebulaSimulator::close);
  }
}
