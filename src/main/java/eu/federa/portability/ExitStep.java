package eu.federa.portability;

/** What the exit's worker does within the retrieval and erasure phases, in this order. */
public enum ExitStep {
  /** the final bundle is to be asked for */
  EXPORT,
  /** the final bundle is being made */
  EXPORTING,
  /** the tenant's services are being ended */
  ENDING,
  /** waiting for the retrieval window to end */
  WINDOW,
  /** the account is closed with the final invoice(s) */
  INVOICE,
  /** everything at each provider is deleted */
  PROVIDERS,
  /** the tenant's data in Federa is erased or pseudonymised */
  FEDERA,
  /** the erasure record is written and signed */
  RECORD
}
