package eu.federa.tenancy.web;

import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.web.FormMessages;
import eu.federa.tenancy.OnboardingForm;
import eu.federa.tenancy.OnboardingRejectedException;
import eu.federa.tenancy.OnboardingService;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Backs the organisation request form of a signed-in user without organisation. */
@Named
@ViewScoped
public class OnboardingPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OnboardingService onboarding;

  private String legalName;
  private String countryCode = "FR";
  private String vatId;
  private String billingEmail;
  private boolean euOnly = true;
  private List<String> residencyCountries = new ArrayList<>();
  private String intendedUse;

  public String submit() {
    try {
      onboarding.submit(
          new OnboardingForm(
              legalName,
              countryCode,
              vatId,
              billingEmail,
              euOnly ? List.of() : residencyCountries,
              intendedUse));
      FormMessages.info("onboarding.sent", legalName);
      FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
      return "/onboarding.xhtml?faces-redirect=true";
    } catch (OnboardingRejectedException e) {
      FormMessages.show("onboarding", e.errors());
      return null;
    }
  }

  public List<String> getCountries() {
    return EuropeanCountries.codes();
  }

  public String getLegalName() {
    return legalName;
  }

  public void setLegalName(String legalName) {
    this.legalName = legalName;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public void setCountryCode(String countryCode) {
    this.countryCode = countryCode;
  }

  public String getVatId() {
    return vatId;
  }

  public void setVatId(String vatId) {
    this.vatId = vatId;
  }

  public String getBillingEmail() {
    return billingEmail;
  }

  public void setBillingEmail(String billingEmail) {
    this.billingEmail = billingEmail;
  }

  public boolean isEuOnly() {
    return euOnly;
  }

  public void setEuOnly(boolean euOnly) {
    this.euOnly = euOnly;
  }

  public List<String> getResidencyCountries() {
    return residencyCountries;
  }

  public void setResidencyCountries(List<String> residencyCountries) {
    this.residencyCountries = residencyCountries;
  }

  public String getIntendedUse() {
    return intendedUse;
  }

  public void setIntendedUse(String intendedUse) {
    this.intendedUse = intendedUse;
  }
}
