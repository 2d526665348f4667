package eu.federa.cloud.registry;

/** What the sync needs to call a provider; the secret stays inside the cloud package. */
record ProviderConnection(
    long providerId, long version, String endpointUrl, String username, String secret) {

  @Override
  public String toString() {
    return "ProviderConnection[" + providerId + ", " + endpointUrl + " as " + username + "]";
  }
}
