package eu.federa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.log.LogContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Background work's failures are logged under the incident id their readers are given. */
class IncidentsTest {

  @Test
  void aFailureIsLoggedUnderTheIdItReturnsAndTheIdIsGoneAfter() {
    Logger log = Logger.getLogger("eu.federa.test.incidents");
    List<String> seen = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            seen.add(
                record.getLevel()
                    + " "
                    + record.getMessage()
                    + " "
                    + LogContext.get(LogContext.INCIDENT)
                    + " "
                    + record.getThrown().getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    try {
      String id = Incidents.logged(log, "Move 7 failed", new IllegalStateException("boom"));
      assertThat(id).matches("[0-9a-f]{8}");
      assertThat(seen).containsExactly(Level.WARNING + " Move 7 failed " + id + " boom");
      assertThat(LogContext.get(LogContext.INCIDENT)).as("the line's context only").isNull();
    } finally {
      log.removeHandler(handler);
    }
  }
}
