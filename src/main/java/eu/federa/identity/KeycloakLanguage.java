package eu.federa.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Carries the language a user chose in the portal to Keycloak, so that its login and account pages
 * speak it too and the next token brings it back. After the portal's choice is committed, outside
 * its transaction; when Keycloak administration is off or fails, the portal's choice stands and
 * Keycloak keeps its own until the next change.
 */
@ApplicationScoped
public class KeycloakLanguage {

  private static final Logger LOG = Logger.getLogger(KeycloakLanguage.class.getName());

  @Inject KeycloakDirectory keycloak;

  void tell(@Observes(during = TransactionPhase.AFTER_SUCCESS) LanguageChosen chosen) {
    if (!keycloak.isConfigured()) {
      return;
    }
    try {
      keycloak.setLocale(chosen.subject(), chosen.languageTag());
    } catch (KeycloakUnavailableException e) {
      LOG.info(
          () ->
              "Keycloak keeps its own language for user "
                  + chosen.subject()
                  + " until the next change: "
                  + e.getMessage());
    }
  }
}
