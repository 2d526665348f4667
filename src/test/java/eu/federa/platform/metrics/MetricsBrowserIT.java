package eu.federa.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The portal's metrics as Prometheus scrapes them from the management interface ({@code /metrics}):
 * a member who signs in, opens the catalog and orders a VM moves the sign-ins, the page's and the
 * API's latency, the placement decisions, the provider calls, the saga's steps and the orders by
 * state; WildFly's own metrics are there beside them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsBrowserIT extends BrowserSupport {

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void whatAMemberDoesMovesTheMetricsOperatorsWatch() throws Exception {
    String before = scrape();
    assertThat(before)
        .as("registered when the portal starts")
        .contains("federa_saga_backlog")
        .contains("federa_exports_in_progress");
    assertThat(before).as("WildFly's own metrics too").containsPattern("(?m)^(wildfly|jvm)_\\w+");

    signIn(portal + "catalog.xhtml", "mia");
    SessionApi mia = new SessionApi(portal.toString(), browser);
    String acme = mia.tenantNamed("Acme Analytics SAS");
    String order =
        mia.orderSmallVm(acme, "metrics-" + UUID.randomUUID().toString().substring(0, 6));
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> mia.get("api/v1/tenants/" + acme + "/orders/" + order).body(),
            body -> body.contains("\"state\":\"RUNNING\""));

    // The gauges are read from the database every few seconds: wait for the running order.
    double runningBefore = value(before, "federa_orders", Map.of("state", "RUNNING"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> value(scrape(), "federa_orders", Map.of("state", "RUNNING")) > runningBefore);
    String after = scrape();

    assertThat(value(after, "federa_sign_ins_total", Map.of("outcome", "signed_in")))
        .isGreaterThan(value(before, "federa_sign_ins_total", Map.of("outcome", "signed_in")));
    Map<String, String> catalogPage = Map.of("route", "/catalog.xhtml", "method", "GET");
    assertThat(value(after, "federa_http_requests_seconds_count", catalogPage))
        .isGreaterThan(value(before, "federa_http_requests_seconds_count", catalogPage));
    Map<String, String> ordering =
        Map.of("route", "/api/v1/tenants/{id}/orders", "method", "POST", "status", "2xx");
    assertThat(value(after, "federa_http_requests_seconds_count", ordering))
        .isGreaterThan(value(before, "federa_http_requests_seconds_count", ordering));
    Map<String, String> all = new java.util.HashMap<>(ordering);
    all.put("le", "+Inf");
    assertThat(value(after, "federa_http_requests_le_total", all))
        .as("buckets for percentiles")
        .isEqualTo(value(after, "federa_http_requests_seconds_count", ordering));
    Map<String, String> placed = Map.of("outcome", "placed");
    assertThat(value(after, "federa_placement_decisions_seconds_count", placed))
        .isGreaterThan(value(before, "federa_placement_decisions_seconds_count", placed));
    Map<String, String> answered = Map.of("outcome", "answered");
    assertThat(value(after, "federa_provider_calls_seconds_count", answered))
        .isGreaterThan(value(before, "federa_provider_calls_seconds_count", answered));
    Map<String, String> deploying = Map.of("state", "DEPLOYING");
    assertThat(value(after, "federa_saga_steps_seconds_count", deploying))
        .isGreaterThan(value(before, "federa_saga_steps_seconds_count", deploying));
    assertThat(after).containsPattern("(?m)^federa_provider_circuit\\{[^}]*provider=\"\\d+\"");

    // An id in the path is written {id}: no series per order.
    assertThat(after).doesNotContain("/orders/" + order);

    mia.post("api/v1/tenants/" + acme + "/orders/" + order + "/terminate", "{}");
  }

  /** The metrics page of Arquillian's WildFly. */
  static String scrape() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(TestStack.managementUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  /** The sum of the series of {@code name} that have all of {@code labels}. */
  static double value(String scrape, String name, Map<String, String> labels) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      Matcher m = LINE.matcher(line.trim());
      if (!m.matches() || !m.group(1).equals(name)) {
        continue;
      }
      Map<String, String> have = new java.util.HashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          have.put(l.group(1), l.group(2));
        }
      }
      if (have.entrySet().containsAll(labels.entrySet())) {
        sum += Double.parseDouble(m.group(4));
      }
    }
    return sum;
  }
}
