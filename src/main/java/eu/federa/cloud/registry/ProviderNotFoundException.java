package eu.federa.cloud.registry;

/** No provider with that id; pages answer 404. */
public class ProviderNotFoundException extends RuntimeException {

  public ProviderNotFoundException(long id) {
    super("No provider " + id);
  }
}
