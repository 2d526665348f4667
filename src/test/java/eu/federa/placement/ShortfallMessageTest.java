package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShortfallMessageTest {

  private final Placer placer = new Placer(LatencyModel.DEFAULT);

  private static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle("eu.federa.platform.i18n.messages", locale);
  }

  private String message(PlacementRequest request, Locale locale, Candidate... hosts) {
    Decision d = placer.place(request, List.of(hosts), Weights.of(request.strategy()));
    return ShortfallMessage.describe(d.shortfall(), request, bundle(locale));
  }

  @Test
  void aMissingGpuSaysWhereAndHowManyAndWhereElseItExists() {
    PlacementRequest request =
        PlacementRequest.of(8, 65536, 100)
            .withGpus(2, "0302", null)
            .inCountries(Set.of("FR", "DE"));
    String text =
        message(
            request,
            Locale.ENGLISH,
            Hosts.at("Paris", 1, "FR").gpu("0302", "H100", 1).build(),
            Hosts.at("Warsaw", 2, "PL").gpu("0302", "H100", 2).build());
    assertThat(text)
        .isEqualTo(
            "No host in DE/FR has 2 free GPUs of the requested kind for instance 1; the most free"
                + " on one host is 1. Outside the allowed countries, a host in PL has 2.");
  }

  @Test
  void otherConstraintsAreNamedInTheUsersLanguage() {
    PlacementRequest request = PlacementRequest.of(2, 4096, 10).certified(Set.of("C5"));
    assertThat(message(request, Locale.ENGLISH, Hosts.at("Paris", 1, "FR").build()))
        .isEqualTo("No available provider holds all of: C5.");
    assertThat(message(request, Locale.FRENCH, Hosts.at("Paris", 1, "FR").build()))
        .isEqualTo("Aucun fournisseur disponible ne détient toutes ces certifications\u00a0: C5.");
    PlacementRequest far =
        PlacementRequest.of(2, 4096, 10)
            .near(new LatencyModel.Site("Lisbon office", Hosts.LISBON), 5, null);
    assertThat(
            message(far, Locale.ENGLISH, Hosts.at("Warsaw", 1, "PL").located(Hosts.WARSAW).build()))
        .isEqualTo("No provider is within 5 ms of Lisbon office.");
  }
}
