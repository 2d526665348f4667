package eu.federa.provisioning;

import eu.federa.placement.Decision;
import eu.federa.placement.PlacementRequest;
import eu.federa.platform.validation.ConflictException;

/**
 * No host of the federation can take the order now; nothing was reserved. Carries the binding
 * constraint, which pages and the API describe in the user's language.
 */
public class NoPlacementException extends ConflictException {

  private final transient Decision.Shortfall shortfall;
  private final transient PlacementRequest request;

  public NoPlacementException(Decision.Shortfall shortfall, PlacementRequest request) {
    super("order.error.noPlacement");
    this.shortfall = shortfall;
    this.request = request;
  }

  public Decision.Shortfall shortfall() {
    return shortfall;
  }

  public PlacementRequest request() {
    return request;
  }
}
