package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogoutServletTest {

  @Test
  void endSessionUrlPointsAtTheIssuerWithTheTokenAndTheSignedOutPageEncoded() {
    String url =
        LogoutServlet.endSessionUrl(
            new OidcRequests.IdTokenHint("a.b+c/d", "http://127.0.0.1:8180/realms/federa"),
            "http://127.0.0.1:8080/federa/signed-out.xhtml");

    assertThat(url)
        .isEqualTo(
            "http://127.0.0.1:8180/realms/federa/protocol/openid-connect/logout"
                + "?id_token_hint=a.b%2Bc%2Fd"
                + "&post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Ffedera%2Fsigned-out.xhtml");
  }
}
