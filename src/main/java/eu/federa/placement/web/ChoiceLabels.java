package eu.federa.placement.web;

import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Names for the placement choices kept with an order, as its page lists them. */
@Named
@ApplicationScoped
public class ChoiceLabels {

  @Inject ProviderDirectory providers;

  /** The providers' names and countries, by name; a provider removed since by its id. */
  public String providers(List<Long> ids) {
    Map<Long, ProviderCard> known = providers.byIds(ids);
    return ids.stream()
        .map(
            id -> {
              ProviderCard p = known.get(id);
              return p == null ? "#" + id : p.name() + " (" + p.countryCode() + ")";
            })
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
