package eu.federa.cloud.opennebula;

import java.net.URI;
import java.util.Objects;

/**
 * Where a provider's OpenNebula answers and as whom Federa calls it. The password never appears in
 * {@link #toString()}, logs or error messages.
 */
public record Endpoint(URI uri, String username, String password) {

  public Endpoint {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** OpenNebula's session string: the first parameter of every call. */
  String session() {
    return username + ":" + password;
  }

  @Override
  public String toString() {
    return "Endpoint[" + uri + " as " + username + "]";
  }
}
