package eu.federa.platform.log;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.Incidents;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Log lines name what they belong to, in WildFly's own server.log as the logging subsystem is
 * provisioned (wildfly-config/logging.cli): the tenant, the order and the incident of the work in
 * hand, and nothing of it once that work is over.
 */
class LogContextIT extends InContainerTest {

  private static final Logger LOG = Logger.getLogger(LogContextIT.class.getName());

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  /**
   * Arquillian calls in-container tests on the web server's pooled threads, outside the portal's
   * request filters: what an earlier test's use case put there is cleared first.
   */
  @org.junit.jupiter.api.BeforeEach
  void startsFromAThreadThatNamesNothing() {
    LogContext.put(LogContext.TENANT, null);
    LogContext.put(LogContext.ORDER, null);
    LogContext.put(LogContext.INCIDENT, null);
  }

  @Test
  void linesInAContextNameItsTenantOrderAndIncidentAndLinesAfterItDoNot() throws Exception {
    String marker = UUID.randomUUID().toString();
    try (LogContext order = LogContext.with(LogContext.ORDER, 42).and(LogContext.TENANT, 7)) {
      try (LogContext step = LogContext.with(LogContext.INCIDENT, "0a1b2c3d")) {
        LOG.info(marker + " step");
        assertThat(Incidents.current()).isEqualTo("0a1b2c3d");
      }
      LOG.info(marker + " order");
    }
    LOG.info(marker + " after");

    assertThat(line(marker + " step"))
        .contains("incident=0a1b2c3d")
        .contains("order=42")
        .contains("tenant=7");
    assertThat(line(marker + " order"))
        .contains("order=42")
        .contains("tenant=7")
        .doesNotContain("incident=");
    assertThat(line(marker + " after")).doesNotContain("order=").doesNotContain("tenant=");
    assertThat(Incidents.current())
        .as("outside any work: a new id each time")
        .matches("[0-9a-f]{8}");
  }

  @Test
  void everyLineOfARequestCarriesTheIncidentItsErrorWouldShowAndTheOrderItsPathNames()
      throws Exception {
    String marker = UUID.randomUUID().toString();
    String[] shown = new String[1];
    FilterChain chain =
        (request, response) -> {
          LOG.info(marker + " in the request");
          LogContext.put(LogContext.TENANT, 5); // as the tenant gate does
          shown[0] = Incidents.current(); // as an error page or the API's 500 does
          LOG.info(marker + " later in the request");
        };
    new RequestLogContext()
        .doFilter(request("/federa/api/v1/tenants/5/orders/77/stop"), null, chain);
    LOG.info(marker + " after the request");

    assertThat(shown[0]).matches("[0-9a-f]{8}");
    assertThat(line(marker + " in the request"))
        .contains("incident=" + shown[0])
        .contains("order=77")
        .doesNotContain("tenant=");
    assertThat(line(marker + " later in the request"))
        .contains("incident=" + shown[0])
        .contains("tenant=5");
    assertThat(line(marker + " after the request"))
        .doesNotContain("incident=")
        .doesNotContain("tenant=")
        .doesNotContain("order=");
  }

  @Test
  void aPathThatNamesNoOrderGivesNone() {
    assertThat(RequestLogContext.orderIn("/federa/api/v1/tenants/5/orders/77")).isEqualTo("77");
    assertThat(RequestLogContext.orderIn("/federa/api/v1/tenants/5/orders")).isNull();
    assertThat(RequestLogContext.orderIn("/federa/api/v1/tenants/5/orders/x7")).isNull();
    assertThat(RequestLogContext.orderIn(null)).isNull();
  }

  /** The line of server.log that holds {@code text}. */
  private static String line(String text) throws IOException {
    Path log = Path.of(System.getProperty("jboss.server.log.dir"), "server.log");
    List<String> found =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(l -> l.contains(text))
            .toList();
    assertThat(found).as("lines with " + text).hasSize(1);
    return found.get(0);
  }

  /** A request to {@code uri} with attributes, as far as the filter reads it. */
  private static HttpServletRequest request(String uri) {
    Map<String, Object> attributes = new HashMap<>();
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            LogContextIT.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRequestURI" -> uri;
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
