package eu.federa.mail;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The messages Federa sends. Each has a template per language in {@code
 * eu/federa/mail/templates/<name>_<language>.txt}: a {@code Subject:} line, an empty line and the
 * body, with the placeholders named here.
 */
public enum MailTemplate {
  INVITATION("invitation", Set.of("tenant", "role", "link", "expires")),
  ONBOARDING_APPROVED("onboarding-approved", Set.of("tenant")),
  ONBOARDING_REJECTED("onboarding-rejected", Set.of("organisation", "reason")),
  BUDGET_ALERT(
      "budget-alert",
      Set.of("tenant", "threshold", "month", "spentEur", "budgetEur", "percent", "forecastEur")),
  BUDGET_BLOCKED(
      "budget-blocked",
      Set.of("tenant", "threshold", "month", "spentEur", "budgetEur", "percent", "forecastEur")),
  APPROVAL_EXPIRED("approval-expired", Set.of("order", "days")),
  EXPORT_READY("export-ready", Set.of("tenant", "expires", "files", "size")),
  PROVIDER_EVACUATION(
      "provider-evacuation", Set.of("tenant", "provider", "moving", "staying", "reasons")),
  EXIT_FILED("exit-filed", Set.of("tenant", "transitionStarts", "transitionEnds", "retrievalEnds")),
  EXIT_TRANSITION("exit-transition", Set.of("tenant", "transitionEnds", "retrievalEnds")),
  EXIT_RETRIEVAL("exit-retrieval", Set.of("tenant", "transitionEnds", "retrievalEnds")),
  EXIT_ERASING("exit-erasing", Set.of("tenant", "retrievalEnds")),
  EXIT_CANCELLED("exit-cancelled", Set.of("tenant")),
  TENANT_SUSPENDED("tenant-suspended", Set.of("tenant", "reason")),
  TENANT_RESUMED("tenant-resumed", Set.of("tenant"));

  private final String fileName;
  private final Set<String> placeholders;

  MailTemplate(String fileName, Set<String> placeholders) {
    this.fileName = fileName;
    this.placeholders = placeholders;
  }

  /** The file of the template in {@code language}, e.g. {@code invitation_fr.txt}. */
  String resource(String language) {
    return "/eu/federa/mail/templates/" + fileName + "_" + language + ".txt";
  }

  /** The values a caller must give. */
  public Set<String> placeholders() {
    return placeholders;
  }

  /** Of {@code values}, those this template uses. */
  public Map<String, Object> only(Map<String, ?> values) {
    Map<String, Object> used = new HashMap<>();
    values.forEach(
        (k, v) -> {
          if (placeholders.contains(k)) {
            used.put(k, v);
          }
        });
    return used;
  }
}
