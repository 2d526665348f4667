package eu.federa.cloud.registry;

/** A provider's network has no free addresses left for the tenant's reservation. */
public class NetworkFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int networkId;

  public NetworkFullException(int networkId, String providerMessage) {
    super("Network " + networkId + " has no free addresses: " + providerMessage);
    this.networkId = networkId;
  }

  public int networkId() {
    return networkId;
  }
}
