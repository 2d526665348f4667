package eu.federa.cloud.registry;

import eu.federa.platform.security.NotFoundException;

/** No provider with that id; pages answer 404. */
public class ProviderNotFoundException extends NotFoundException {

  public ProviderNotFoundException(long id) {
    super("provider", id);
  }
}
