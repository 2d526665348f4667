package eu.federa.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Places many requests one after the other over one inventory, each seeing the capacity the ones
 * before it took: the plan of moving a project off a provider, or of evacuating a provider. Nothing
 * is held; a plan's moves claim their hosts when they start (and may land elsewhere if the
 * federation changed meanwhile). A pure function of its inputs: testable and benchmarked without a
 * container.
 */
public final class SequencePlanner {

  private final Placer placer;

  public SequencePlanner(Placer placer) {
    this.placer = placer;
  }

  /**
   * One decision per request, in order.
   *
   * @param prices each provider's price per hour of one instance of a request; requests of the same
   *     size should get the same map (the same object), so that the inventory is priced once
   */
  public List<Decision> planEach(
      List<PlacementRequest> requests,
      List<Candidate> inventory,
      Function<PlacementRequest, Map<Long, BigDecimal>> prices) {
    Map<Long, Integer> position = new HashMap<>();
    for (int i = 0; i < inventory.size(); i++) {
      position.put(inventory.get(i).hostId(), i);
    }
    Map<Map<Long, BigDecimal>, List<Candidate>> pricedBy = new IdentityHashMap<>();
    // Hosts the plan took capacity from so far, as they are now.
    Map<Long, Candidate> taken = new HashMap<>();
    List<Decision> decisions = new ArrayList<>(requests.size());
    for (PlacementRequest request : requests) {
      Map<Long, BigDecimal> price = prices.apply(request);
      List<Candidate> priced = pricedBy.computeIfAbsent(price, p -> priced(inventory, p));
      List<Candidate> current = priced;
      if (!taken.isEmpty()) {
        current = new ArrayList<>(priced);
        for (Candidate c : taken.values()) {
          current.set(position.get(c.hostId()), c.pricedAt(price.get(c.providerId())));
        }
      }
      Decision decision = placer.place(request, current, Weights.of(request.strategy()));
      if (decision.placed()) {
        for (Decision.Choice choice : decision.choices()) {
          Candidate host =
              taken.getOrDefault(choice.hostId(), inventory.get(position.get(choice.hostId())));
          taken.put(choice.hostId(), host.minus(request));
        }
      }
      decisions.add(decision);
    }
    return decisions;
  }

  private static List<Candidate> priced(List<Candidate> inventory, Map<Long, BigDecimal> prices) {
    List<Candidate> priced = new ArrayList<>(inventory.size());
    for (Candidate c : inventory) {
      priced.add(c.pricedAt(prices.get(c.providerId())));
    }
    return priced;
  }
}
