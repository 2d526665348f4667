package eu.federa.cloud.registry;

import eu.federa.platform.validation.Between;
import eu.federa.platform.validation.Text;
import eu.federa.platform.validation.TextRules;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a platform admin enters for a provider. On an update a blank {@code apiSecret} keeps the
 * stored secret.
 *
 * @param publicNetwork the provider's OpenNebula network public addresses are leased from; blank:
 *     the provider offers none
 * @param consoleUrl the provider's console page of a VM, {@code {vmId}} standing for the VM's id
 *     there (an https address); blank: the provider offers no console
 */
public record ProviderForm(
    @Text(min = 2, max = 100) String name,
    @Text(min = 2, max = 200) String legalEntity,
    String countryCode,
    @Text(max = 100) String city,
    @NotNull(message = TextRules.REQUIRED) @Between(min = -90, max = 90) BigDecimal latitude,
    @NotNull(message = TextRules.REQUIRED) @Between(min = -180, max = 180) BigDecimal longitude,
    @Text(min = 2, max = 100) String jurisdiction,
    List<String> certifications,
    @ProviderEndpoint String endpointUrl,
    @Text(max = 100) String apiUsername,
    @Text(min = 0, max = 500) String apiSecret,
    boolean enabled,
    boolean edgeSite,
    @Text(min = 0, max = 2000, multiline = true) String notes,
    String publicNetwork,
    @ConsoleAddress String consoleUrl) {

  /** The fields the audit trail never writes (only that they were set or changed). */
  public static final java.util.Set<String> SECRETS = java.util.Set.of("apiSecret");

  /** A provider offering no public addresses and no console. */
  public ProviderForm(
      String name,
      String legalEntity,
      String countryCode,
      String city,
      BigDecimal latitude,
      BigDecimal longitude,
      String jurisdiction,
      List<String> certifications,
      String endpointUrl,
      String apiUsername,
      String apiSecret,
      boolean enabled,
      boolean edgeSite,
      String notes) {
    this(
        name,
        legalEntity,
        countryCode,
        city,
        latitude,
        longitude,
        jurisdiction,
        certifications,
        endpointUrl,
        apiUsername,
        apiSecret,
        enabled,
        edgeSite,
        notes,
        null,
        null);
  }

  public ProviderForm {
    certifications =
        certifications == null
            ? List.of()
            : certifications.stream()
                .map(String::trim)
                .filter(c -> !c.isEmpty())
                .distinct()
                .toList();
  }

  @Override
  public String toString() {
    return "ProviderForm[" + name + ", " + endpointUrl + " as " + apiUsername + "]";
  }
}
