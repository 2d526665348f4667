package eu.federa.provisioning;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * An AI service as its pages show it: its state is that of its VMs together (running when all run,
 * ended when all ended). A notebook's URL is its VM's once it runs; an inference endpoint has none
 * of its own: it is called through the AI gateway ({@code /ai/v1}, its name as the model).
 */
public record AiServiceView(
    long id,
    AiKind kind,
    String name,
    String modelCode,
    String sizeCode,
    String gpuModel,
    int replicas,
    String datasetUrl,
    Integer durationLimitMinutes,
    Instant createdAt,
    OrderState state,
    List<OrderView> vms,
    TrainingJob job,
    Long projectId)
    implements Serializable {

  /**
   * @param job a training job's progress, from its VM; null for the other kinds
   */
  static AiServiceView of(AiService s, String gpuModel, List<OrderView> vms, TrainingJob job) {
    OrderState state = stateOf(vms);
    return new AiServiceView(
        s.getId(),
        s.getKind(),
        s.getName(),
        s.getModelCode(),
        s.getSizeCode(),
        gpuModel,
        s.getReplicas(),
        s.getDatasetUrl(),
        s.getDurationLimitMinutes(),
        s.getCreatedAt(),
        state,
        List.copyOf(vms),
        s.getKind() == AiKind.TRAINING ? job : null,
        s.getProjectId());
  }

  /** The service's state from its VMs'. */
  static OrderState stateOf(List<OrderView> vms) {
    if (vms.isEmpty()) {
      return OrderState.FAILED;
    }
    if (vms.stream().allMatch(v -> v.state().ended())) {
      if (vms.stream().anyMatch(v -> v.state() == OrderState.TERMINATED)) {
        return OrderState.TERMINATED;
      }
      return vms.stream().anyMatch(v -> v.state() == OrderState.VANISHED)
          ? OrderState.VANISHED
          : OrderState.FAILED;
    }
    OrderState first = vms.get(0).state();
    if (vms.stream().allMatch(v -> v.state() == first)) {
      return first; // running, stopped, or waiting for approval together
    }
    // On the way somewhere: the state of the VM furthest from done.
    return vms.stream()
        .map(OrderView::state)
        .filter(OrderState::inProgress)
        .findFirst()
        .orElse(OrderState.DEPLOYING);
  }

  public boolean inProgress() {
    return state.inProgress() || vms.stream().anyMatch(OrderView::inProgress);
  }

  public boolean canStop() {
    return vms.stream().anyMatch(OrderView::canStop);
  }

  public boolean canStart() {
    return vms.stream().anyMatch(OrderView::canStart);
  }

  public boolean canTerminate() {
    return vms.stream().anyMatch(OrderView::canTerminate);
  }
}
