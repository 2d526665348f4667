package eu.federa.cloud.registry;

/**
 * A template of a provider cannot be instantiated for a tenant: it, or an image or network it
 * names, does not exist there. Only the provider's operator can mend it.
 */
public class TemplateUnusableException extends RuntimeException {

  private final int templateId;
  private final String missing;

  public TemplateUnusableException(int templateId, String missing) {
    super("Template " + templateId + " cannot be used: " + missing + " does not exist");
    this.templateId = templateId;
    this.missing = missing;
  }

  public int templateId() {
    return templateId;
  }

  /** What is missing, e.g. "image 7" or "network \"public\"". */
  public String missing() {
    return missing;
  }
}
