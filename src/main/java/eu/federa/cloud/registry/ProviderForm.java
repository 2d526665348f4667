package eu.federa.cloud.registry;

import eu.federa.platform.validation.Text;
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
    BigDecimal latitude,
    BigDecimal longitude,
    @Text(min = 2, max = 100) String jurisdiction,
    List<String> certifications,
    String endpointUrl,
    @Text(max = 100) String apiUsername,
    String apiSecret,
    boolean enabled,
    boolean edgeSite,
    String notes,
    String publicNetwork,
    String consoleUrl) {

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
