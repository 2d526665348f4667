package eu.federa.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's HAProxy in front of the portal's WildFly nodes, on 127.0.0.1, as a cluster runs in
 * production (the Ansible role {@code proxy} writes the same rules): a browser's first request goes
 * to any node that is up, and a cookie ({@link #COOKIE}) keeps it on that node while the node
 * lives. Each node's readiness ({@code /health/ready} on its management port) is checked every half
 * second; a request to a node that stopped answering is sent again to another one, which has the
 * session too (the cluster keeps sessions in Infinispan).
 */
public final class LoadBalancer implements AutoCloseable {

  /** The cookie that says which node served the browser last. */
  public static final String COOKIE = "FEDERA_NODE";

  /** A node behind the balancer: its name (the cookie's value) and its ports on 127.0.0.1. */
  public record Backend(String name, int httpPort, int managementPort) {}

  private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

  private final Process process;
  private final int port;

  private LoadBalancer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Whether Debian's haproxy is installed ({@code apt-get install -y haproxy}). */
  public static boolean installed() {
    return Files.isExecutable(HAPROXY);
  }

  /**
   * Starts HAProxy on {@code port} in front of {@code backends}, its configuration and log in
   * {@code workDir}; returns once it accepts connections.
   */
  public static LoadBalancer start(Path workDir, int port, List<Backend> backends) {
    if (!installed()) {
      throw new StackException(
          "HAProxy is missing: apt-get install -y haproxy (./federa test installs it as root)");
    }
    Ports.requireFree(port, "the load balancer", "none");
    Path config = workDir.resolve("haproxy.cfg");
    try {
      Files.createDirectories(workDir);
      Files.writeString(config, configuration(port, backends));
    } catch (IOException e) {
      throw new StackException("Cannot write " + config + ": " + e.getMessage(), e);
    }
    Process process =
        ChildProcesses.start(
            List.of(HAPROXY.toString(), "-db", "-f", config.toString()),
            workDir,
            workDir.resolve("haproxy.log"),
            Map.of());
    LoadBalancer balancer = new LoadBalancer(process, port);
    if (!HttpProbe.await(Duration.ofSeconds(20), process::isAlive, () -> !Ports.isFree(port))) {
      balancer.close();
      throw new StackException(
          "HAProxy did not start; its log is "
              + workDir.resolve("haproxy.log")
              + ":\n"
              + ChildProcesses.tail(workDir.resolve("haproxy.log"), 15));
    }
    return balancer;
  }

  /** HAProxy's configuration for {@code backends} behind {@code port}. */
  static String configuration(int port, List<Backend> backends) {
    StringBuilder cfg = new StringBuilder();
    cfg.append(
        String.join(
            "\n",
            "global",
            "  maxconn 512",
            "defaults",
            "  mode http",
            "  timeout connect 1s",
            "  timeout client 5m",
            "  timeout server 5m",
            "  timeout http-request 30s",
            // a request whose node refuses the connection goes to another node
            "  retries 2",
            "  option redispatch 1",
            "  option forwardfor",
            "frontend portal",
            "  bind 127.0.0.1:" + port,
            "  http-request set-header X-Forwarded-Proto http",
            // An upgrade to HTTP/2 in clear (Java's HttpClient asks for one) would make the
            // connection a tunnel to one node: no more cookie, no more routing per request.
            "  http-request del-header HTTP2-Settings if { req.hdr(Upgrade) -i h2c }",
            "  http-request del-header Upgrade if { req.hdr(Upgrade) -i h2c }",
            "  default_backend nodes",
            "backend nodes",
            "  balance roundrobin",
            "  cookie " + COOKIE + " insert indirect nocache httponly",
            "  option httpchk GET /health/ready",
            ""));
    for (Backend b : backends) {
      cfg.append("  server ")
          .append(b.name())
          .append(" 127.0.0.1:")
          .append(b.httpPort())
          .append(" check port ")
          .append(b.managementPort())
          .append(" inter 500ms fall 2 rise 2 cookie ")
          .append(b.name())
          .append('\n');
    }
    return cfg.toString();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    ChildProcesses.stop(process, 10);
  }
}
