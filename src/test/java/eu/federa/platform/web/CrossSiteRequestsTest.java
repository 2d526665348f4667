package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossSiteRequestsTest {

  @Test
  void onlyThePortalsOwnOriginIsTheSameOrigin() {
    assertThat(CrossSiteRequests.sameOrigin("http://127.0.0.1:8080", "http", "127.0.0.1", 8080))
        .isTrue();
    assertThat(
            CrossSiteRequests.sameOrigin(
                "https://cloud.example.eu", "https", "cloud.example.eu", 443))
        .isTrue();
    assertThat(
            CrossSiteRequests.sameOrigin("https://evil.example", "https", "cloud.example.eu", 443))
        .isFalse();
    assertThat(
            CrossSiteRequests.sameOrigin(
                "http://cloud.example.eu", "https", "cloud.example.eu", 443))
        .isFalse();
    assertThat(
            CrossSiteRequests.sameOrigin(
                "https://cloud.example.eu:8443", "https", "cloud.example.eu", 443))
        .isFalse();
    assertThat(CrossSiteRequests.sameOrigin("null", "https", "cloud.example.eu", 443)).isFalse();
    assertThat(CrossSiteRequests.sameOrigin("::not a uri", "https", "cloud.example.eu", 443))
        .isFalse();
  }

  @Test
  void behindAProxyThatRewritesTheHostThePublicAddressCounts() {
    assertThat(
            CrossSiteRequests.samePublicOrigin(
                "https://cloud.example.eu", "https://cloud.example.eu/federa"))
        .isTrue();
    assertThat(
            CrossSiteRequests.samePublicOrigin(
                "https://evil.example", "https://cloud.example.eu/federa"))
        .isFalse();
    assertThat(CrossSiteRequests.samePublicOrigin("https://cloud.example.eu", "")).isFalse();
  }
}
