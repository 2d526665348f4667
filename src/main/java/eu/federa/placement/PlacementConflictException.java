package eu.federa.placement;

/**
 * A chosen host changed between reading the inventory and claiming it (another claim on another
 * node got there first). The transaction must roll back and the decision be made again.
 */
public class PlacementConflictException extends RuntimeException {

  public PlacementConflictException(long hostId) {
    super("Host " + hostId + " changed while placing; decide again");
  }
}
