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

  @Test
  void postbacksOfPagesAndTheSignOutFormNeedTheFormToken() {
    assertThat(CrossSiteRequests.needsFormToken("POST", "/order.xhtml")).isTrue();
    assertThat(CrossSiteRequests.needsFormToken("post", "/admin/providers.xhtml")).isTrue();
    assertThat(CrossSiteRequests.needsFormToken("POST", "/logout")).isTrue();
    // The header's language and organisation menus are plain forms too.
    assertThat(CrossSiteRequests.needsFormToken("POST", "/language")).isTrue();
    assertThat(CrossSiteRequests.needsFormToken("POST", "/organisation")).isTrue();
    assertThat(CrossSiteRequests.needsFormToken("GET", "/order.xhtml")).isFalse();
    assertThat(CrossSiteRequests.needsFormToken("HEAD", "/logout")).isFalse();
    // The JSON API is no form target.
    assertThat(CrossSiteRequests.needsFormToken("POST", "/api")).isFalse();
  }

  @Test
  void onlyTheSessionsOwnTokenMatches() {
    String token = FormTokens.newToken();
    assertThat(token).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(FormTokens.newToken());
    assertThat(FormTokens.sameToken(token, token)).isTrue();
    assertThat(FormTokens.sameToken("wapiti", token)).isFalse();
    assertThat(FormTokens.sameToken(token + "x", token)).isFalse();
    assertThat(FormTokens.sameToken(null, token)).isFalse();
    assertThat(FormTokens.sameToken(token, null)).isFalse();
  }
}
