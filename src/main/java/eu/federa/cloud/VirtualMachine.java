package eu.federa.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A VM as a provider reports it. {@code userTemplate} carries Federa's own attributes, such as the
 * order id written at allocation.
 *
 * <p>{@code context} is its CONTEXT as the provider stored it (empty: none), what its
 * contextualisation reads: the SSH keys, the network. {@code nics} are its network interfaces: the
 * network each is on, its address and the security groups its firewall applies.
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
    List<Nic> nics) {

  /** A network interface: its network, its address (empty before it has one), its groups. */
  public record Nic(int networkId, String ip, List<Integer> securityGroups) {

    public Nic {
      securityGroups = List.copyOf(securityGroups);
    }
  }

  public VirtualMachine {
    ips = List.copyOf(ips);
    history = List.copyOf(history);
    userTemplate = Map.copyOf(userTemplate);
    context = Map.copyOf(context);
    nics = List.copyOf(nics);
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
