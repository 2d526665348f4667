package eu.federa.provisioning;

import java.io.Serializable;
import java.time.Instant;

/**
 * A training job's progress: {@code QUEUED} until its appliance reports (its VM is still being
 * placed or started), then {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED} as the appliance
 * reports on its VM; {@code TIMED_OUT} when Federa ended it at its time limit first. A job that
 * ended with no report of its own (deployment failed, or terminated by a member) is {@code FAILED}.
 *
 * @param logTail the last lines of its log, as reported
 * @param output where its result is (a bucket or repository address), once reported
 */
public record TrainingJob(String status, String logTail, String output, Instant reportedAt)
    implements Serializable {

  static TrainingJob of(VmOrder o) {
    String reported = o.getJobStatus();
    String status;
    if ("SUCCEEDED".equals(reported) || "FAILED".equals(reported)) {
      status = reported;
    } else if (o.getState().ended() || o.getState() == OrderState.TERMINATING) {
      String key = o.getFailureKey();
      status = key != null && key.startsWith("order.reason.timeLimit") ? "TIMED_OUT" : "FAILED";
    } else if ("RUNNING".equals(reported)) {
      status = "RUNNING";
    } else {
      status = "QUEUED";
    }
    return new TrainingJob(status, o.getJobLogTail(), o.getJobOutput(), o.getJobReportedAt());
  }
}
