package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Every action has a name on the audit pages, in every language of the portal. */
class AuditActionLabelsTest {

  @Test
  void everyActionIsNamedInEveryLanguage() {
    for (Locale language : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
      ResourceBundle bundle =
          ResourceBundle.getBundle(
              "eu.federa.platform.i18n.messages",
              language,
              ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
      for (AuditAction action : AuditAction.values()) {
        assertThat(bundle.containsKey("audit.action." + action))
            .as("audit.action.%s in %s", action, language)
            .isTrue();
      }
    }
  }
}
