package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.Deployments;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #13, finding 8: WildFly believed the X-Forwarded-* headers of anyone who reached it
 * directly, so a caller could pose as having come over TLS, from another address, to another host
 * (and so steer the sign-in's redirect). The test server trusts 127.0.0.2 as its reverse proxy
 * (FEDERA_TRUSTED_PROXIES); the same request from 127.0.0.1 is someone else's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrustedProxyIT {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void forwardedHeadersCountOnlyFromTheProxysAddress() throws Exception {
    Map<String, String> fromProxy = forwardedRequestFrom("127.0.0.2");
    assertThat(fromProxy.get(":status")).isEqualTo("302");
    assertThat(fromProxy.get("strict-transport-security"))
        .as(fromProxy.toString())
        .contains("max-age=");
    assertThat(redirectUri(fromProxy)).startsWith("https://portal.example/federa/");

    Map<String, String> fromAnyoneElse = forwardedRequestFrom("127.0.0.1");
    assertThat(fromAnyoneElse.get(":status")).isEqualTo("302");
    assertThat(fromAnyoneElse).doesNotContainKey("strict-transport-security");
    assertThat(redirectUri(fromAnyoneElse))
        .startsWith("http://" + portal.getHost() + ":" + portal.getPort() + "/federa/");
  }

  /** A protected page asked for as a reverse proxy asks, from the given local address. */
  private Map<String, String> forwardedRequestFrom(String localAddress) throws Exception {
    try (Socket socket =
        new Socket(
            InetAddress.getByName(portal.getHost()),
            portal.getPort(),
            InetAddress.getByName(localAddress),
            0)) {
      socket.setSoTimeout(30_000);
      String request =
          "GET "
              + portal.getPath()
              + "dashboard.xhtml HTTP/1.1\r\n"
              + "Host: "
              + portal.getHost()
              + ":"
              + portal.getPort()
              + "\r\n"
              + "X-Forwarded-Proto: https\r\n"
              + "X-Forwarded-Host: portal.example\r\n"
              + "X-Forwarded-For: 203.0.113.7\r\n"
              + "Connection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      Map<String, String> headers = new HashMap<>();
      headers.put(":status", in.readLine().split(" ")[1]);
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      return headers;
    }
  }

  private static String redirectUri(Map<String, String> headers) {
    String location = headers.get("location");
    assertThat(location).contains("redirect_uri=");
    String encoded = location.substring(location.indexOf("redirect_uri=") + 13).split("&")[0];
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }
}
