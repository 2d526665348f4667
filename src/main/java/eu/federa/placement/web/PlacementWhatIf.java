package eu.federa.placement.web;

import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.placement.Decision;
import eu.federa.placement.PlacementService;
import eu.federa.placement.PlacementService.Preview;
import eu.federa.placement.ShortfallMessage;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Backs the platform admins' what-if placement against the live inventory. */
@Named
@ViewScoped
public class PlacementWhatIf implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject PlacementService placement;
  @Inject ProviderDirectory providers;

  private final WhatIfForm form = new WhatIfForm();

  private Preview preview;
  private String shortfall;

  @PostConstruct
  void open() {
    form.getChoices().offer(providers.enabled());
  }

  public void run() {
    try {
      preview = placement.preview(form.toPlacementForm());
      Decision decision = preview.decision();
      FacesContext faces = FacesContext.getCurrentInstance();
      shortfall =
          decision.placed()
              ? null
              : ShortfallMessage.describe(
                  decision.shortfall(),
                  preview.request(),
                  faces.getApplication().getResourceBundle(faces, "msg"));
    } catch (InvalidInputException e) {
      preview = null;
      FormMessages.show("whatif", e.errors());
    }
  }

  public List<String> getCountryChoices() {
    return EuropeanCountries.codes();
  }

  public Preview getPreview() {
    return preview;
  }

  public String getShortfall() {
    return shortfall;
  }

  public WhatIfForm getForm() {
    return form;
  }
}
