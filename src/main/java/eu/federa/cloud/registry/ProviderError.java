package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudException;
import eu.federa.cloud.CloudTransportException;

/**
 * What kind of failure a provider's last synchronisation met, for a platform admin to read in their
 * language above the provider's own message (which stays as the provider or the network wrote it).
 */
public enum ProviderError {
  /** Connection refused, or the host could not be reached. */
  UNREACHABLE,
  /** No answer within the timeout. */
  TIMEOUT,
  /** An HTTP status other than 200. */
  HTTP_ERROR,
  /** An answer that is not OpenNebula's XML-RPC. */
  MALFORMED,
  /** Not tried: the circuit breaker is open after repeated failures. */
  CIRCUIT_OPEN,
  /** OpenNebula refused the portal's credentials. */
  CREDENTIALS,
  /** OpenNebula answered and refused the call. */
  REFUSED;

  /** The kind of {@code failure}. */
  public static ProviderError of(CloudException failure) {
    if (failure instanceof CloudTransportException t) {
      return switch (t.kind()) {
        case UNREACHABLE -> UNREACHABLE;
        case TIMEOUT -> TIMEOUT;
        case HTTP_ERROR -> HTTP_ERROR;
        case MALFORMED -> MALFORMED;
        case CIRCUIT_OPEN -> CIRCUIT_OPEN;
      };
    }
    return failure instanceof CloudApiException.AuthenticationFailed ? CREDENTIALS : REFUSED;
  }
}
