package eu.federa.cloud.sites;

import java.io.Serializable;
import java.util.List;

/**
 * A site of the federation: an enabled provider's data centre, where it says it is.
 *
 * @param latitude degrees north, null when the provider gave none
 * @param longitude degrees east, null when the provider gave none
 * @param edge an edge site (small, near users) rather than a core data centre
 */
public record Site(
    long providerId,
    String providerName,
    String city,
    String countryCode,
    Double latitude,
    Double longitude,
    boolean edge,
    List<String> certifications)
    implements Serializable {

  public Site {
    certifications = List.copyOf(certifications);
  }

  public boolean located() {
    return latitude != null && longitude != null;
  }
}
