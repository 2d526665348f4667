package eu.federa.cloud.registry;

/** A VM was to get a public address at a provider whose network of public addresses is missing. */
public class PublicNetworkMissingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String network;

  public PublicNetworkMissingException(String network) {
    super("No network of public addresses \"" + network + "\" at the provider");
    this.network = network;
  }

  /** The network's name as the provider's settings give it ("" when none is set). */
  public String network() {
    return network;
  }
}
