package eu.federa.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The provisioned WildFly ({@code target/server}) running the portal for the demo. It runs on its
 * own base directory ({@code target/devstack/wildfly}) so that {@code target/server} stays clean
 * for the Arquillian tests.
 */
public final class WildFlyServer implements AutoCloseable {

  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final Path serverLog;

  private WildFlyServer(Process process, Path serverLog) {
    this.process = process;
    this.serverLog = serverLog;
  }

  /**
   * @param env the portal's configuration (DB_URL, OIDC_CLIENT_SECRET, ...) as WildFly's CLI
   *     expressions read it
   */
  public static WildFlyServer start(StackSettings settings, Map<String, String> env) {
    return start(settings, env, List.of());
  }

  /**
   * The system properties that make a node one of the cluster {@code cluster} (wildfly-config/
   * cluster.cli): its name, the port it listens on for the others ({@code port}, and {@code port +
   * 1} for failure detection) and the ports of every member, itself included, all on 127.0.0.1.
   */
  public static List<String> clusterArguments(
      String cluster, String node, int port, List<Integer> memberPorts) {
    String members =
        memberPorts.stream()
            .map(p -> "127.0.0.1[" + p + "]")
            .collect(java.util.stream.Collectors.joining(","));
    return List.of(
        "-Djboss.node.name=" + node,
        "-Djboss.tx.node.id=" + node,
        "-Dfedera.cluster.name=" + cluster,
        "-Dfedera.cluster.port=" + port,
        "-Dfedera.cluster.fd-port=" + (port + 1),
        "-Dfedera.cluster.members=" + members);
  }

  /**
   * @param env the portal's configuration (DB_URL, OIDC_CLIENT_SECRET, ...) as WildFly's CLI
   *     expressions read it
   * @param arguments more arguments of {@code standalone.sh} (system properties), after Federa's
   */
  public static WildFlyServer start(
      StackSettings settings, Map<String, String> env, List<String> arguments) {
    Path server = settings.serverDir();
    if (!Files.isExecutable(server.resolve("bin/standalone.sh"))) {
      throw new StackException(
          "WildFly is not provisioned at "
              + server
              + ". Run the build first: mvn -DskipTests package");
    }
    if (!Files.isRegularFile(settings.warFile())) {
      throw new StackException(
          "The portal is not built (" + settings.warFile() + "). Run: mvn -DskipTests package");
    }
    Ports.requireFree(settings.httpPort(), "the portal, WildFly HTTP", "FEDERA_HTTP_PORT");
    Ports.requireFree(settings.managementPort(), "WildFly management", "FEDERA_MANAGEMENT_PORT");

    Path base = settings.workDir().resolve("wildfly");
    Path deployments = base.resolve("deployments");
    try {
      Folders.deleteRecursively(base.resolve("configuration"));
      Folders.copyRecursively(
          server.resolve("standalone/configuration"), base.resolve("configuration"));
      // Deployments another server of the same installation made through its management API
      // (Arquillian's) are in its standalone.xml; this one deploys from its own folder alone.
      Path config = base.resolve("configuration/standalone.xml");
      Files.writeString(
          config,
          Files.readString(config).replaceAll("(?s)\\s*<deployments>.*?</deployments>", ""));
      Folders.deleteRecursively(deployments);
      Files.createDirectories(deployments);
      Files.copy(
          settings.warFile(),
          deployments.resolve("federa.war"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StackException(
          "Cannot prepare WildFly's folder " + base + ": " + e.getMessage(), e);
    }

    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                server.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + settings.httpPort(),
                "-Djboss.management.http.port=" + settings.managementPort()));
    command.addAll(arguments);
    Map<String, String> processEnv = new HashMap<>(env);
    processEnv.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    Process process =
        ChildProcesses.start(
            command, server, settings.workDir().resolve("wildfly-console.log"), processEnv);
    Path serverLog = base.resolve("log/server.log");
    WildFlyServer wildfly = new WildFlyServer(process, serverLog);

    Path deployed = deployments.resolve("federa.war.deployed");
    Path failed = deployments.resolve("federa.war.failed");
    boolean settled =
        HttpProbe.await(
            DEPLOY_TIMEOUT, process::isAlive, () -> Files.exists(deployed) || Files.exists(failed));
    if (!settled || Files.exists(failed)) {
      String reason = Files.exists(failed) ? read(failed) : ChildProcesses.tail(serverLog, 15);
      wildfly.close();
      throw new StackException(
          "The portal did not deploy. WildFly's log is " + serverLog + ". Reason:\n" + reason);
    }
    return wildfly;
  }

  public Path serverLog() {
    return serverLog;
  }

  /** The resident memory of WildFly's processes (Linux /proc), MiB; 0 when unknown. */
  public long residentMib() {
    long kib = 0;
    for (ProcessHandle p :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(process.toHandle()), process.descendants())
            .toList()) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | RuntimeException gone) {
        // not Linux, or the process ended
      }
    }
    return kib / 1024;
  }

  /** The processor time WildFly's processes have used so far, milliseconds; 0 when unknown. */
  public long cpuMillis() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(process.toHandle()), process.descendants())
        .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L))
        .sum();
  }

  /** The process id of WildFly's Java virtual machine (a child of its start script). */
  public long javaPid() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(process.toHandle()), process.descendants())
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst()
        .orElseThrow(() -> new StackException("WildFly's Java process is not running"))
        .pid();
  }

  /** Kills WildFly at once, as a crash or {@code kill -9} would: no shutdown, no cleanup. */
  public void killHard() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    ChildProcesses.stop(process, 30);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable " + file + ")";
    }
  }
}
