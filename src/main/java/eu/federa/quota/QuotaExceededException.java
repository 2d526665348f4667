package eu.federa.quota;

import eu.federa.platform.validation.ConflictException;

/**
 * An order would take the tenant beyond a limit; nothing was reserved. The message names the
 * resource, what is held (in use and reserved), the limit and what the order needs.
 */
public class QuotaExceededException extends ConflictException {

  private final QuotaResource resource;

  public QuotaExceededException(QuotaResource resource, long held, long limit, long wanted) {
    super("quota.exceeded." + resource.name(), held, limit, wanted);
    this.resource = resource;
  }

  public QuotaResource resource() {
    return resource;
  }
}
