package eu.federa.catalog;

import eu.federa.cloud.registry.SovereigntyRegister;
import java.io.Serializable;
import java.util.List;

/**
 * An image as one provider offers it, with the provider's sovereignty labels.
 *
 * @param templateId the provider's OpenNebula template instantiated for the image
 */
public record Offer(
    String imageCode,
    String imageName,
    long providerId,
    String providerName,
    String countryCode,
    String jurisdiction,
    List<String> certifications,
    boolean edgeSite,
    int templateId,
    SovereigntyRegister register)
    implements Serializable {

  public String certificationsText() {
    return String.join(", ", certifications);
  }
}
