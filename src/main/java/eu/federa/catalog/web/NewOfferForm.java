package eu.federa.catalog.web;

import java.io.Serializable;

/** The catalog page's form that offers an image at a provider through one of its templates. */
public class NewOfferForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private String image;
  private Long provider;
  private Integer template;

  /** The provider chosen, or -1 for none (refused by the catalog with a field message). */
  long providerOrNone() {
    return provider == null ? -1 : provider;
  }

  /** The template chosen, or -1 for none. */
  int templateOrNone() {
    return template == null ? -1 : template;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Long getProvider() {
    return provider;
  }

  public void setProvider(Long provider) {
    this.provider = provider;
  }

  public Integer getTemplate() {
    return template;
  }

  public void setTemplate(Integer template) {
    this.template = template;
  }
}
