package eu.federa.portability;

/**
 * Where a leaving tenant goes (Data Act Art. 25(1)): only what the request says; Federa moves
 * nothing itself.
 */
public enum ExitDestination {
  /** Another provider of this federation (its own contract). */
  FEDERATION_PROVIDER,
  /** Another cloud. */
  OTHER_CLOUD,
  /** The tenant's own infrastructure. */
  ON_PREMISES,
  /** Nowhere: the data is to be erased, nothing exported. */
  ERASE_ONLY
}
