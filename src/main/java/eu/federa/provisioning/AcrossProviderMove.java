package eu.federa.provisioning;

import eu.federa.platform.text.Reason;

/**
 * A rebalancing move of a VM to another provider, asked of whoever carries moves between providers
 * (the {@code moves} capability, which observes this event and starts its saga): the answer is set
 * on the event, a move's id or why it did not start. Nobody answering means nobody can carry it.
 */
public final class AcrossProviderMove {

  private final long tenantId;
  private final long orderId;
  private final long targetProviderId;
  private final boolean automatic;
  private Long moveId;
  private Reason whyNot = Reason.keyed("rebalance.skip.acrossUnavailable");

  /**
   * @param automatic started by automatic rebalancing (a worker, no one signed in), not by a
   *     platform admin applying a plan
   */
  public AcrossProviderMove(long tenantId, long orderId, long targetProviderId, boolean automatic) {
    this.tenantId = tenantId;
    this.orderId = orderId;
    this.targetProviderId = targetProviderId;
    this.automatic = automatic;
  }

  public boolean automatic() {
    return automatic;
  }

  public long tenantId() {
    return tenantId;
  }

  public long orderId() {
    return orderId;
  }

  public long targetProviderId() {
    return targetProviderId;
  }

  /** The move between providers started. */
  public void started(long id) {
    this.moveId = id;
    this.whyNot = null;
  }

  /** It could not start. */
  public void refused(Reason reason) {
    this.moveId = null;
    this.whyNot = reason;
  }

  public Long moveId() {
    return moveId;
  }

  public Reason whyNot() {
    return whyNot;
  }
}
