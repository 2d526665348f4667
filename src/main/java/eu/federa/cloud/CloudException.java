package eu.federa.cloud;

/** Something went wrong talking to a provider's cloud: an API refusal or a transport failure. */
public abstract sealed class CloudException extends RuntimeException
    permits CloudApiException, CloudTransportException {

  private final String method;

  protected CloudException(String method, String message, Throwable cause) {
    super(message, cause);
    this.method = method;
  }

  /** The API method that failed, e.g. {@code one.vm.deploy}. */
  public String method() {
    return method;
  }
}
