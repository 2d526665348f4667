package eu.federa.placement;

import eu.federa.placement.Decision.Shortfall;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ResourceBundle;
import java.util.TreeSet;

/**
 * Says which constraint could not be met, in the user's language, with the figures that help decide
 * what to change: "No host in DE/FR has 2 free GPUs of the requested kind; the most free on one
 * host is 1. Outside the allowed countries, a host in PL has 2."
 */
public final class ShortfallMessage {

  private ShortfallMessage() {}

  public static String describe(
      Shortfall shortfall, PlacementRequest request, ResourceBundle bundle) {
    NumberFormat number = NumberFormat.getNumberInstance(bundle.getLocale());
    number.setMaximumFractionDigits(1);
    String scope =
        request.allowedCountries().isEmpty()
            ? bundle.getString("placement.scope.federation")
            : MessageFormat.format(
                bundle.getString("placement.scope.countries"),
                String.join("/", new TreeSet<>(request.allowedCountries())));
    String second =
        switch (shortfall.filter()) {
          case RESIDENCY -> String.join("/", new TreeSet<>(request.allowedCountries()));
          case CERTIFICATION -> String.join(", ", new TreeSet<>(request.requiredCertifications()));
          case LATENCY ->
              request.latencyBudgetMs()
                  + "|"
                  + (request.site() == null ? "" : request.site().name());
          default -> scope;
        };
    String[] parts = second.split("\\|", -1);
    String text =
        MessageFormat.format(
            bundle.getString("placement.none." + shortfall.filter().name()),
            shortfall.instance(),
            parts[0],
            number.format(shortfall.wanted()),
            number.format(shortfall.bestOffered()),
            parts.length > 1 ? parts[1] : "");
    if (shortfall.elsewhereCountry() != null) {
      text +=
          " "
              + MessageFormat.format(
                  bundle.getString("placement.elsewhere"),
                  shortfall.elsewhereCountry(),
                  number.format(shortfall.elsewhereOffered()));
    }
    return text;
  }
}
