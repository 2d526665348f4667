package eu.federa.catalog;

/**
 * How many services were ordered with a model: asked before a model is removed. The catalog owns
 * the question; the capability that orders services answers it (provisioning), so that the catalog
 * does not read another capability's tables.
 */
public interface ModelUsage {

  /** The services ever ordered with the model, ended ones included (their history keeps it). */
  long servicesUsing(String modelCode);
}
