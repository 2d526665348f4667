package eu.federa.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A VM as a provider reports it. {@code userTemplate} carries Federa's own attributes, such as the
 * order id written at allocation.
 *
 * <p>{@code context} is its CONTEXT as the provider stored it (empty: none), what its
 * contextualisation reads: the SSH keys, the network. {@code nics} are its network interfaces: the
 * network each is on, its address and the security groups its firewall applies. {@code disks} are
 * its disks (the short pool listings have none), {@code snapshots} the snapshots of its disks,
 * {@code backupIds} the backup images made of it (oldest first).
 */
public record VirtualMachine(
    int id,
    String name,
    int userId,
    int groupId,
    String userName,
    String groupName,
    VmState state,
    LcmState lcmState,
    double cpu,
    int vcpu,
    long memoryMib,
    List<String> ips,
    Instant startTime,
    Instant endTime,
    List<HistoryRecord> history,
    Map<String, String> userTemplate,
    Map<String, String> context,
    List<Nic> nics,
    List<Disk> disks,
    List<DiskSnapshot> snapshots,
    List<Integer> backupIds) {

  /** A network interface: its network, its address (empty before it has one), its groups. */
  public record Nic(int networkId, String ip, List<Integer> securityGroups) {

    public Nic {
      securityGroups = List.copyOf(securityGroups);
    }
  }

  /**
   * A disk: its id within the VM, the image it is (-1 for a volatile disk or the context CD), its
   * size in MiB, the datastore of its image (-1: none), and whether a hot-plug is still attaching
   * it ({@code ATTACH=YES}).
   */
  public record Disk(int diskId, int imageId, long sizeMib, int datastoreId, boolean attaching) {}

  /**
   * A snapshot of one of its disks: the disk, the snapshot's id on it, its name and its size (MiB).
   */
  public record DiskSnapshot(int diskId, int snapshotId, String name, long sizeMib) {}

  /** The snapshot of disk {@code diskId} named {@code name}, if it has one. */
  public Optional<DiskSnapshot> snapshotNamed(int diskId, String name) {
    return snapshots.stream()
        .filter(s -> s.diskId() == diskId && name.equals(s.name()))
        .findFirst();
  }

  /** Whether disk {@code diskId} has snapshot {@code snapshotId}. */
  public boolean hasSnapshot(int diskId, int snapshotId) {
    return snapshots.stream().anyMatch(s -> s.diskId() == diskId && s.snapshotId() == snapshotId);
  }

  /** The disk that is image {@code imageId}, if the VM has it. */
  public Optional<Disk> diskOfImage(int imageId) {
    return disks.stream().filter(d -> d.imageId() == imageId).findFirst();
  }

  public VirtualMachine {
    ips = List.copyOf(ips);
    history = List.copyOf(history);
    userTemplate = Map.copyOf(userTemplate);
    context = Map.copyOf(context);
    nics = List.copyOf(nics);
    disks = List.copyOf(disks);
    snapshots = List.copyOf(snapshots);
    backupIds = List.copyOf(backupIds);
  }

  /** "ACTIVE/RUNNING" while active, else the state alone ("POWEROFF", "unknown (42)"). */
  public String displayState() {
    return state.is(VmState.ACTIVE) ? state.name() + "/" + lcmState.name() : state.name();
  }

  /** What its state means: running, resting, on its way, failed, leaving or gone. */
  public VmCondition condition() {
    return VmCondition.of(state, lcmState);
  }

  /** The host of the current (last) stay, if it has been placed. */
  public String hostName() {
    return history.isEmpty() ? null : history.get(history.size() - 1).hostName();
  }
}
