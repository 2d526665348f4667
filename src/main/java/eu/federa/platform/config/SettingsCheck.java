package eu.federa.platform.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every setting when the application starts, before the database is touched: one that is not
 * of its kind stops the deployment, with every bad setting named in one message, instead of the
 * node running on a default nobody chose.
 */
@ApplicationScoped
public class SettingsCheck {

  void onStart(
      @Observes
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          @Initialized(ApplicationScoped.class)
          Object event) {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidSettingException("Federa does not start: " + String.join("; ", problems));
    }
  }

  /** What is wrong with the current settings, one line per setting; empty when all are good. */
  static List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      try {
        setting.value();
      } catch (InvalidSettingException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }
}
