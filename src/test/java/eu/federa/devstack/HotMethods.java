package eu.federa.devstack;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a node's processor time went during a Flight Recorder recording: of the execution samples
 * of request threads, the share in which each method was on the stack (inclusive, counted once a
 * sample), for Federa's own methods and for everything, and the share each method was the one
 * running (self). A bench's profile, read by a person: no thresholds.
 */
final class HotMethods {

  private static final String FEDERA = "eu.federa.";

  private final int samples;
  private final Map<String, Integer> inclusive;
  private final Map<String, Integer> self;

  private HotMethods(int samples, Map<String, Integer> inclusive, Map<String, Integer> self) {
    this.samples = samples;
    this.inclusive = inclusive;
    this.self = self;
  }

  /** Reads the execution samples of threads serving requests (Undertow's task threads). */
  static HotMethods of(Path recording) throws Exception {
    int samples = 0;
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      String thread =
          e.getThread("sampledThread") == null
              ? ""
              : String.valueOf(e.getThread("sampledThread").getJavaName());
      if (!thread.startsWith("default task-")) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < frames.size(); i++) {
        String m = name(frames.get(i).getMethod());
        if (i == 0) {
          self.merge(m, 1, Integer::sum);
        }
        if (seen.add(m)) {
          inclusive.merge(m, 1, Integer::sum);
        }
      }
    }
    return new HotMethods(samples, inclusive, self);
  }

  private static String name(RecordedMethod m) {
    return m.getType().getName() + "." + m.getName();
  }

  /** Federa's methods without the common package; others by their class's simple name. */
  private static String shown(String method) {
    if (method.startsWith(FEDERA)) {
      return method.substring(FEDERA.length());
    }
    int dot = method.lastIndexOf('.', method.lastIndexOf('.') - 1);
    return method.substring(dot + 1);
  }

  String report(String label, int top) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s: %d samples of request threads%n", label, samples));
    section(b, "Federa's methods on the stack (inclusive)", inclusive, top, true);
    section(b, "All methods on the stack (inclusive)", inclusive, top, false);
    section(b, "Running (self)", self, top, false);
    return b.toString();
  }

  private void section(
      StringBuilder b, String title, Map<String, Integer> counts, int top, boolean federa) {
    b.append(title).append(":\n");
    counts.entrySet().stream()
        .filter(c -> !federa || c.getKey().startsWith(FEDERA))
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(top)
        .forEach(
            c ->
                b.append(
                    String.format(
                        Locale.ROOT,
                        "  %5.1f%%  %s%n",
                        100.0 * c.getValue() / Math.max(1, samples),
                        shown(c.getKey()))));
  }
}
