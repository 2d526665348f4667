package eu.federa.catalog.web;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Model;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderOverview;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs the platform admins' catalog page: images and where each provider offers them (which of its
 * templates), sizes, and the AI models.
 */
@Named
@ViewScoped
public class CatalogAdmin implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Catalog catalog;
  @Inject ProviderRegistry registry;
  @Inject CurrentUser caller;

  private List<Image> images = List.of();
  private List<Offer> offers = List.of();
  private List<Size> sizes = List.of();
  private List<Model> models = List.of();
  private List<ProviderOverview> providers = List.of();

  private final NewOfferForm newOffer = new NewOfferForm();
  private final NewImageForm newImage = new NewImageForm();
  private final NewSizeForm newSize = new NewSizeForm();
  private final NewModelForm newModel = new NewModelForm();

  @PostConstruct
  void open() {
    caller.requirePlatformAdmin();
    load();
  }

  private void load() {
    images = catalog.allImages();
    offers = allOffers();
    sizes = catalog.sizes();
    models = catalog.models();
    providers = registry.overview();
  }

  private List<Offer> allOffers() {
    return images.stream().flatMap(i -> catalog.offersOf(i.code()).stream()).toList();
  }

  public void addOffer() {
    run(
        () ->
            catalog.offer(
                newOffer.getImage(), newOffer.providerOrNone(), newOffer.templateOrNone()),
        "offer");
  }

  public void withdraw(String image, long providerId) {
    run(() -> catalog.withdraw(image, providerId), "offer");
  }

  public void addImage() {
    run(() -> catalog.addImage(newImage.toImage()), "image");
  }

  public void addSize() {
    run(() -> catalog.addSize(newSize.toSize()), "size");
  }

  public void addModel() {
    run(() -> catalog.addModel(newModel.toModel()), "model");
  }

  public void removeModel(String code) {
    run(() -> catalog.removeModel(code), "model");
  }

  private void run(Runnable change, String form) {
    try {
      change.run();
      FormMessages.info("catalogAdmin.saved");
      clearCodes();
      load();
    } catch (InvalidInputException e) {
      FormMessages.show(form, e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
  }

  /** After a save, the next entry starts from a blank code (the other fields are kept). */
  private void clearCodes() {
    newImage.setCode(null);
    newSize.setCode(null);
    newModel.setCode(null);
  }

  public List<Image> getImages() {
    return images;
  }

  public List<Offer> getOffers() {
    return offers;
  }

  public List<Size> getSizes() {
    return sizes;
  }

  public List<Model> getModels() {
    return models;
  }

  public List<ProviderOverview> getProviders() {
    return providers;
  }

  public NewOfferForm getNewOffer() {
    return newOffer;
  }

  public NewImageForm getNewImage() {
    return newImage;
  }

  public NewSizeForm getNewSize() {
    return newSize;
  }

  public NewModelForm getNewModel() {
    return newModel;
  }
}
