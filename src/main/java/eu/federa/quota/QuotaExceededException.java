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

  private QuotaExceededException(QuotaResource resource, String key, Object... arguments) {
    super(key, arguments);
    this.resource = resource;
  }

  /** Beyond a limit of the order's project (the tenant's would still allow it). */
  static QuotaExceededException ofProject(
      QuotaResource resource, String project, long held, long limit, long wanted) {
    return new QuotaExceededException(
        resource, "quota.exceededProject." + resource.name(), held, limit, wanted, project);
  }

  /** Beyond the tenant's limit for one GPU model. */
  static QuotaExceededException ofGpuModel(String model, long held, long limit, long wanted) {
    return new QuotaExceededException(
        QuotaResource.GPUS, "quota.exceededGpuModel", held, limit, wanted, model);
  }

  public QuotaResource resource() {
    return resource;
  }
}
