package eu.federa.catalog.web;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Model;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import eu.federa.cloud.PciDevice;
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
import java.math.BigDecimal;
import java.util.List;

/**
 * Backs the platform admins' catalog page: images and where each provider offers them (which of its
 * templates), sizes, and the AI models.
 */
@Named
@ViewScoped
public class CatalogAdmin implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient Catalog catalog;
  @Inject transient ProviderRegistry registry;
  @Inject transient CurrentUser caller;

  private List<Image> images = List.of();
  private List<Offer> offers = List.of();
  private List<Size> sizes = List.of();
  private List<Model> models = List.of();
  private List<ProviderOverview> providers = List.of();

  // New offer
  private String offerImage;
  private Long offerProvider;
  private Integer offerTemplate;
  // New image
  private String imageCode;
  private String imageOs;
  private String imageVersion;
  private String imageArchitecture = "x86_64";
  private String imagePurpose = Image.VM;
  // New size
  private String sizeCode;
  private String sizeName;
  private int sizeVcpu = 2;
  private int sizeMemoryGib = 4;
  private int sizeDiskGib = 20;
  private int sizeGpus;
  private String sizeGpuClass = PciDevice.CLASS_3D_CONTROLLER;
  private String sizeGpuModel;
  private int sizeGpuMemoryGib;
  // New model
  private String modelCode;
  private String modelName;
  private BigDecimal modelParameters;
  private String modelLicence;
  private int modelGpuMemoryGib = 24;
  private int modelContext = 32768;

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
                offerImage,
                offerProvider == null ? -1 : offerProvider,
                offerTemplate == null ? -1 : offerTemplate),
        "offer");
  }

  public void withdraw(String image, long providerId) {
    run(() -> catalog.withdraw(image, providerId), "offer");
  }

  public void addImage() {
    run(
        () ->
            catalog.addImage(
                new Image(imageCode, imageOs, imageVersion, imageArchitecture, imagePurpose)),
        "image");
  }

  public void addSize() {
    run(
        () ->
            catalog.addSize(
                new Size(
                    sizeCode,
                    sizeName,
                    sizeVcpu,
                    sizeMemoryGib * 1024L,
                    sizeDiskGib,
                    sizeGpus,
                    sizeGpuClass,
                    sizeGpuModel,
                    sizeGpuMemoryGib)),
        "size");
  }

  public void addModel() {
    run(
        () ->
            catalog.addModel(
                new Model(
                    modelCode,
                    modelName,
                    modelParameters,
                    modelLicence,
                    modelGpuMemoryGib,
                    modelContext)),
        "model");
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
    imageCode = null;
    sizeCode = null;
    modelCode = null;
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

  public String getOfferImage() {
    return offerImage;
  }

  public void setOfferImage(String offerImage) {
    this.offerImage = offerImage;
  }

  public Long getOfferProvider() {
    return offerProvider;
  }

  public void setOfferProvider(Long offerProvider) {
    this.offerProvider = offerProvider;
  }

  public Integer getOfferTemplate() {
    return offerTemplate;
  }

  public void setOfferTemplate(Integer offerTemplate) {
    this.offerTemplate = offerTemplate;
  }

  public String getImageCode() {
    return imageCode;
  }

  public void setImageCode(String imageCode) {
    this.imageCode = imageCode;
  }

  public String getImageOs() {
    return imageOs;
  }

  public void setImageOs(String imageOs) {
    this.imageOs = imageOs;
  }

  public String getImageVersion() {
    return imageVersion;
  }

  public void setImageVersion(String imageVersion) {
    this.imageVersion = imageVersion;
  }

  public String getImageArchitecture() {
    return imageArchitecture;
  }

  public void setImageArchitecture(String imageArchitecture) {
    this.imageArchitecture = imageArchitecture;
  }

  public String getImagePurpose() {
    return imagePurpose;
  }

  public void setImagePurpose(String imagePurpose) {
    this.imagePurpose = imagePurpose;
  }

  public String getSizeCode() {
    return sizeCode;
  }

  public void setSizeCode(String sizeCode) {
    this.sizeCode = sizeCode;
  }

  public String getSizeName() {
    return sizeName;
  }

  public void setSizeName(String sizeName) {
    this.sizeName = sizeName;
  }

  public int getSizeVcpu() {
    return sizeVcpu;
  }

  public void setSizeVcpu(int sizeVcpu) {
    this.sizeVcpu = sizeVcpu;
  }

  public int getSizeMemoryGib() {
    return sizeMemoryGib;
  }

  public void setSizeMemoryGib(int sizeMemoryGib) {
    this.sizeMemoryGib = sizeMemoryGib;
  }

  public int getSizeDiskGib() {
    return sizeDiskGib;
  }

  public void setSizeDiskGib(int sizeDiskGib) {
    this.sizeDiskGib = sizeDiskGib;
  }

  public int getSizeGpus() {
    return sizeGpus;
  }

  public void setSizeGpus(int sizeGpus) {
    this.sizeGpus = sizeGpus;
  }

  public String getSizeGpuClass() {
    return sizeGpuClass;
  }

  public void setSizeGpuClass(String sizeGpuClass) {
    this.sizeGpuClass = sizeGpuClass;
  }

  public String getSizeGpuModel() {
    return sizeGpuModel;
  }

  public void setSizeGpuModel(String sizeGpuModel) {
    this.sizeGpuModel = sizeGpuModel;
  }

  public int getSizeGpuMemoryGib() {
    return sizeGpuMemoryGib;
  }

  public void setSizeGpuMemoryGib(int sizeGpuMemoryGib) {
    this.sizeGpuMemoryGib = sizeGpuMemoryGib;
  }

  public String getModelCode() {
    return modelCode;
  }

  public void setModelCode(String modelCode) {
    this.modelCode = modelCode;
  }

  public String getModelName() {
    return modelName;
  }

  public void setModelName(String modelName) {
    this.modelName = modelName;
  }

  public BigDecimal getModelParameters() {
    return modelParameters;
  }

  public void setModelParameters(BigDecimal modelParameters) {
    this.modelParameters = modelParameters;
  }

  public String getModelLicence() {
    return modelLicence;
  }

  public void setModelLicence(String modelLicence) {
    this.modelLicence = modelLicence;
  }

  public int getModelGpuMemoryGib() {
    return modelGpuMemoryGib;
  }

  public void setModelGpuMemoryGib(int modelGpuMemoryGib) {
    this.modelGpuMemoryGib = modelGpuMemoryGib;
  }

  public int getModelContext() {
    return modelContext;
  }

  public void setModelContext(int modelContext) {
    this.modelContext = modelContext;
  }
}
