package eu.federa.cloud;

/** The provider could not be talked to, or did not answer in its API's format. */
public final class CloudTransportException extends CloudException {

  /** What went wrong on the way. */
  public enum Kind {
    /** Connection refused or the host is unreachable. */
    UNREACHABLE,
    /** No answer within the timeout. */
    TIMEOUT,
    /** An HTTP status other than 200. */
    HTTP_ERROR,
    /** An answer that is not the XML-RPC expected, or a standard XML-RPC fault. */
    MALFORMED,
    /** Not tried: the provider's circuit breaker is open after repeated failures. */
    CIRCUIT_OPEN
  }

  private final Kind kind;

  public CloudTransportException(String method, Kind kind, String message, Throwable cause) {
    super(method, message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
