package eu.federa.cloud.registry;

/**
 * A measure a provider states it takes against access to customers' data by non-EU governments that
 * would conflict with EU or national law (Data Act Art. 28(1)(b)); each provider's register lists
 * those it takes, and the portal explains each in words.
 */
public enum AccessMeasure {
  /** The operator is established, owned and controlled in the EU, with no non-EU parent. */
  EU_CONTROLLED_OPERATOR,
  /** The operator is not subject to a non-EU law with extraterritorial reach over its data. */
  NO_EXTRATERRITORIAL_LAW,
  /** Only staff in the EU can administer the infrastructure or reach customers' data. */
  EU_ONLY_ADMINISTRATION,
  /** Customers' data is encrypted at rest with keys the operator cannot use on its own. */
  ENCRYPTION_AT_REST,
  /** Every request from a non-EU authority is checked against EU law, challenged, and told. */
  REQUESTS_CHALLENGED_AND_NOTIFIED,
  /** The operator publishes the requests it received and how it answered them. */
  TRANSPARENCY_REPORT
}
