package eu.federa.cloud;

/**
 * A disk image of a provider. {@code state} is OpenNebula's image state: see the constants.
 *
 * @param runningVms how many VMs use it now
 * @param registeredAt when it was made (OpenNebula's REGTIME)
 * @param snapshotIds the ids of the snapshots it keeps (a persistent image keeps those taken while
 *     it was a VM's disk)
 */
public record Image(
    int id,
    String name,
    int type,
    int state,
    long sizeMib,
    int datastoreId,
    int runningVms,
    java.time.Instant registeredAt,
    java.util.Set<Integer> snapshotIds) {

  public static final int INIT = 0;
  public static final int READY = 1;
  public static final int USED = 2;
  public static final int DISABLED = 3;
  public static final int LOCKED = 4;
  public static final int ERROR = 5;
  public static final int USED_PERSISTENT = 8;

  public Image {
    snapshotIds = java.util.Set.copyOf(snapshotIds);
  }

  /** Whether it keeps snapshot {@code snapshotId}. */
  public boolean hasSnapshot(int snapshotId) {
    return snapshotIds.contains(snapshotId);
  }

  /** Still being made (allocated, copied, formatted): not usable yet. */
  public boolean inProgress() {
    return state == INIT || state == LOCKED || state == 6 || state >= 9;
  }
}
