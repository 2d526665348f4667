package eu.federa.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

  @Test
  void defaultsAreTheDocumentedPorts() {
    StackSettings settings = StackSettings.from(Map.of(), "target/x");

    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.keycloakPort()).isEqualTo(8180);
    assertThat(settings.managementPort()).isEqualTo(9990);
    assertThat(settings.portalUrl()).isEqualTo("http://127.0.0.1:8080/federa");
    assertThat(settings.providerUrl()).isEqualTo("http://127.0.0.1:8180/realms/federa");
  }

  @Test
  void environmentChangesPortsAndUrls() {
    StackSettings settings =
        StackSettings.from(Map.of("FEDERA_HTTP_PORT", "18080", "KEYCLOAK_PORT", "18180"), "t");

    assertThat(settings.portalUrl()).isEqualTo("http://127.0.0.1:18080/federa");
    assertThat(settings.providerUrl()).isEqualTo("http://127.0.0.1:18180/realms/federa");
  }

  @Test
  void aPortThatIsNotANumberIsNamedWithItsVariable() {
    assertThatThrownBy(() -> StackSettings.from(Map.of("KEYCLOAK_PORT", "eighty"), "t"))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("KEYCLOAK_PORT=eighty is not a port number");
  }

  @Test
  void aTakenPortIsReportedWithWhatNeedsItAndTheVariableThatMovesIt() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Ports.requireFree(port, "Keycloak", "KEYCLOAK_PORT"))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("Port " + port)
          .hasMessageContaining("Keycloak")
          .hasMessageContaining("KEYCLOAK_PORT=<port>");
    }
  }
}
