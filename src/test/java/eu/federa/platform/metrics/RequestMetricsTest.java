package eu.federa.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Routes keep the number of series that of the pages and endpoints, not of the ids asked for. */
class RequestMetricsTest {

  @Test
  void idsAndTokensAreWrittenAsIdsAndNamesAreKept() {
    assertThat(RequestMetrics.route("/api/v1/tenants/12/orders/345/stop"))
        .isEqualTo("/api/v1/tenants/{id}/orders/{id}/stop");
    assertThat(RequestMetrics.route("/api/v1/exit-records/3f2c9a1e-77b0-4c1d-9e55-0a1b2c3d4e5f"))
        .isEqualTo("/api/v1/exit-records/{id}");
    assertThat(RequestMetrics.route("/order.xhtml")).isEqualTo("/order.xhtml");
    assertThat(RequestMetrics.route("/error/403.xhtml")).isEqualTo("/error/403.xhtml");
    assertThat(RequestMetrics.route("/ai/v1/chat/completions"))
        .isEqualTo("/ai/v1/chat/completions");
    assertThat(RequestMetrics.route("")).isEqualTo("/");
    assertThat(RequestMetrics.route("//catalog.xhtml")).isEqualTo("/catalog.xhtml");
  }
}
