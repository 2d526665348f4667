package eu.federa.catalog;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.audit.Changes;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the federation offers: images, sizes, and which providers offer each image. */
@ApplicationScoped
public class Catalog {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Instance<ModelUsage> modelUsage;
  @Inject CurrentUser caller;
  @Inject ProviderDirectory providers;
  @Inject AuditLog audit;

  /** The images for plain VMs. */
  @Transactional
  public List<Image> images() {
    return allImages().stream().filter(i -> Image.VM.equals(i.purpose())).toList();
  }

  /** The appliance image behind a kind of AI service (INFERENCE, NOTEBOOK, TRAINING). */
  @Transactional
  public Optional<Image> applianceFor(String purpose) {
    return allImages().stream().filter(i -> i.purpose().equals(purpose)).findFirst();
  }

  /** Every image: plain VM images and the appliances behind AI services. */
  @Transactional
  public List<Image> allImages() {
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                "SELECT code, os_name, os_version, architecture, purpose, login_user"
                    + " FROM catalog_image ORDER BY position, code"));
    return rows.stream()
        .map(r -> new Image(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5)))
        .toList();
  }

  /** The open-weight models platform admins curate. */
  @Transactional
  public List<Model> models() {
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                "SELECT code, name, parameters_billion, licence, min_gpu_memory_gib,"
                    + " context_length FROM catalog_model ORDER BY position, code"));
    return rows.stream()
        .map(r -> new Model(r.str(0), r.str(1), r.decimal(2), r.str(3), r.integer(4), r.integer(5)))
        .toList();
  }

  @Transactional
  public Optional<Model> model(String code) {
    return models().stream().filter(m -> m.code().equals(code)).findFirst();
  }

  @Transactional
  public List<Size> sizes() {
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                "SELECT code, name, vcpu, memory_mib, disk_gib, gpus, gpu_class, gpu_model,"
                    + " gpu_memory_gib FROM catalog_size ORDER BY position, code"));
    return rows.stream().map(Catalog::size).toList();
  }

  @Transactional
  public Optional<Size> size(String code) {
    return sizes().stream().filter(s -> s.code().equals(code)).findFirst();
  }

  /** An image of any purpose. */
  @Transactional
  public Optional<Image> image(String code) {
    return allImages().stream().filter(i -> i.code().equals(code)).findFirst();
  }

  /** Every VM image at every provider that offers it (enabled providers only). */
  @Transactional
  public List<Offer> offers() {
    return vmOffers(images(), providers.enabled());
  }

  private List<Offer> vmOffers(List<Image> vmImages, List<ProviderCard> enabled) {
    Set<String> codes = vmImages.stream().map(Image::code).collect(Collectors.toSet());
    return offers(null, enabled).stream().filter(o -> codes.contains(o.imageCode())).toList();
  }

  /**
   * The catalog page's images, sizes and offers (of {@link #offers}), and the enabled providers
   * they come from, read in one transaction.
   */
  public record Listing(
      List<Image> images, List<Size> sizes, List<Offer> offers, List<ProviderCard> providers)
      implements java.io.Serializable {}

  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Listing listing() {
    ReadOnlyCalls.mark(em);
    List<Image> images = images();
    List<ProviderCard> enabled = providers.enabled();
    return new Listing(images, sizes(), vmOffers(images, enabled), enabled);
  }

  /** The providers that offer the image. */
  @Transactional
  public List<Offer> offersOf(String imageCode) {
    return offers(imageCode, providers.enabled());
  }

  /** The offers of the image (null: of every image) at these providers. */
  private List<Offer> offers(String imageCode, List<ProviderCard> enabled) {
    // The providers come from cloud's directory: the catalog reads only its own tables.
    Map<Long, Integer> providerOrder = new HashMap<>();
    for (ProviderCard p : enabled) {
      providerOrder.put(p.id(), providerOrder.size());
    }
    Query query =
        em.createNativeQuery(
            "SELECT o.image_code, CONCAT(i.os_name, ' ', i.os_version), o.provider_id,"
                + " o.one_template_id, i.position"
                + " FROM catalog_image_offer o JOIN catalog_image i ON i.code = o.image_code"
                + (imageCode == null ? "" : " WHERE o.image_code = ?1"));
    if (imageCode != null) {
      query.setParameter(1, imageCode);
    }
    Map<Long, ProviderCard> byId = new HashMap<>();
    enabled.forEach(p -> byId.put(p.id(), p));
    return Row.all(query).stream()
        .filter(r -> byId.containsKey(r.lng(2)))
        .sorted(
            Comparator.<Row>comparingInt(r -> r.integer(4))
                .thenComparingInt(r -> providerOrder.get(r.lng(2))))
        .map(
            r -> {
              ProviderCard p = byId.get(r.lng(2));
              return new Offer(
                  r.str(0),
                  r.str(1),
                  p.id(),
                  p.name(),
                  p.countryCode(),
                  p.jurisdiction(),
                  p.certifications(),
                  p.edgeSite(),
                  r.integer(3),
                  p.register());
            })
        .toList();
  }

  /**
   * Maps an image to a provider's template (platform admins); replaces an earlier mapping.
   *
   * @throws InvalidInputException for an unknown image or provider, or a negative template id
   */
  @Transactional
  public void offer(String imageCode, long providerId, int templateId) {
    caller.requirePlatformAdmin();
    if (image(imageCode).isEmpty()) {
      throw new InvalidInputException(FieldError.of("image", "catalog.error.image", imageCode));
    }
    if (templateId < 0) {
      throw new InvalidInputException(FieldError.of("templateId", "catalog.error.template"));
    }
    if (providers.byIds(List.of(providerId)).isEmpty()) {
      throw new InvalidInputException(FieldError.of("provider", "catalog.error.provider"));
    }
    Integer before = templateOf(imageCode, providerId);
    em.createNativeQuery(
            "INSERT INTO catalog_image_offer (image_code, provider_id, one_template_id)"
                + " VALUES (?1, ?2, ?3) ON DUPLICATE KEY UPDATE one_template_id = ?3")
        .setParameter(1, imageCode)
        .setParameter(2, providerId)
        .setParameter(3, templateId)
        .executeUpdate();
    audit.success(
        AuditAction.CATALOG_OFFER_SET,
        null,
        AuditTarget.imageAtProvider(imageCode, providerId),
        Changes.field("OpenNebula template", before, templateId));
  }

  /** The template an image is offered with at a provider, locked; null: not offered there. */
  private Integer templateOf(String imageCode, long providerId) {
    return Row.first(
            em.createNativeQuery(
                    "SELECT one_template_id FROM catalog_image_offer WHERE image_code = ?1"
                        + " AND provider_id = ?2 FOR UPDATE")
                .setParameter(1, imageCode)
                .setParameter(2, providerId))
        .map(r -> r.integer(0))
        .orElse(null);
  }

  /** Adds an image to the catalog (platform admins); an existing code is refused. */
  @Transactional
  public void addImage(Image image) {
    caller.requirePlatformAdmin();
    List<FieldError> errors = new ArrayList<>(CatalogRules.of(image));
    if (CatalogRules.isCode(image.code()) && image(image.code()).isPresent()) {
      errors.add(0, FieldError.of("code", "catalog.error.exists"));
    }
    refuse(errors);
    em.createNativeQuery(
            "INSERT INTO catalog_image (code, os_name, os_version, architecture, position,"
                + " purpose) VALUES (?1, ?2, ?3, ?4, 100, ?5)")
        .setParameter(1, image.code())
        .setParameter(2, image.osName().trim())
        .setParameter(3, image.osVersion().trim())
        .setParameter(4, image.architecture().trim())
        .setParameter(5, image.purpose())
        .executeUpdate();
    audit.success(
        AuditAction.CATALOG_IMAGE_ADDED,
        null,
        AuditTarget.Kind.IMAGE.of(image.code()),
        Changes.created(image, Set.of()));
  }

  /** Stops offering an image at a provider (platform admins); running VMs are not affected. */
  @Transactional
  public void withdraw(String imageCode, long providerId) {
    caller.requirePlatformAdmin();
    Integer before = templateOf(imageCode, providerId);
    if (before == null) {
      return; // not offered there: nothing to withdraw
    }
    em.createNativeQuery(
            "DELETE FROM catalog_image_offer WHERE image_code = ?1 AND provider_id = ?2")
        .setParameter(1, imageCode)
        .setParameter(2, providerId)
        .executeUpdate();
    audit.success(
        AuditAction.CATALOG_OFFER_WITHDRAWN,
        null,
        AuditTarget.imageAtProvider(imageCode, providerId),
        Changes.field("OpenNebula template", before, null));
  }

  /**
   * Adds a size (platform admins).
   *
   * @throws InvalidInputException for a used code, sizes out of range, or GPUs without a class
   */
  @Transactional
  public void addSize(Size size) {
    caller.requirePlatformAdmin();
    List<FieldError> errors = new ArrayList<>(CatalogRules.of(size));
    if (CatalogRules.isCode(size.code()) && size(size.code()).isPresent()) {
      errors.add(0, FieldError.of("code", "catalog.error.exists"));
    }
    refuse(errors);
    em.createNativeQuery(
            "INSERT INTO catalog_size (code, name, position, vcpu, memory_mib, disk_gib, gpus,"
                + " gpu_class, gpu_model, gpu_memory_gib) VALUES (?1, ?2, 100, ?3, ?4, ?5, ?6,"
                + " ?7, ?8, ?9)")
        .setParameter(1, size.code())
        .setParameter(2, size.name().trim())
        .setParameter(3, size.vcpu())
        .setParameter(4, size.memoryMib())
        .setParameter(5, size.diskGib())
        .setParameter(6, size.gpus())
        .setParameter(7, size.gpus() > 0 ? size.gpuClass() : null)
        .setParameter(
            8,
            size.gpus() > 0 && size.gpuModel() != null && !size.gpuModel().isBlank()
                ? size.gpuModel().trim()
                : null)
        .setParameter(9, size.gpus() > 0 ? size.gpuMemoryGib() : 0)
        .executeUpdate();
    audit.success(
        AuditAction.CATALOG_SIZE_ADDED,
        null,
        AuditTarget.Kind.SIZE.of(size.code()),
        Changes.created(size, Set.of()));
  }

  /** Adds a model to the AI catalog (platform admins). */
  @Transactional
  public void addModel(Model model) {
    caller.requirePlatformAdmin();
    List<FieldError> errors = new ArrayList<>(CatalogRules.of(model));
    if (CatalogRules.isCode(model.code()) && model(model.code()).isPresent()) {
      errors.add(0, FieldError.of("code", "catalog.error.exists"));
    }
    refuse(errors);
    em.createNativeQuery(
            "INSERT INTO catalog_model (code, name, parameters_billion, licence,"
                + " min_gpu_memory_gib, context_length, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                + " 100)")
        .setParameter(1, model.code())
        .setParameter(2, model.name().trim())
        .setParameter(3, model.parametersBillion().setScale(1, RoundingMode.HALF_EVEN))
        .setParameter(4, model.licence().trim())
        .setParameter(5, model.minGpuMemoryGib())
        .setParameter(6, model.contextLength())
        .executeUpdate();
    audit.success(
        AuditAction.CATALOG_MODEL_ADDED,
        null,
        AuditTarget.Kind.MODEL.of(model.code()),
        Changes.created(model, Set.of()));
  }

  /**
   * Removes a model no service was ever ordered with (platform admins).
   *
   * @throws ConflictException when services use it (their history keeps it)
   */
  @Transactional
  public void removeModel(String code) {
    caller.requirePlatformAdmin();
    long users = modelUsage.isResolvable() ? modelUsage.get().servicesUsing(code) : 0;
    if (users > 0) {
      throw new ConflictException("catalog.error.modelInUse", users);
    }
    Optional<Model> before = model(code);
    if (before.isEmpty()) {
      return; // already gone
    }
    em.createNativeQuery("DELETE FROM catalog_model WHERE code = ?1")
        .setParameter(1, code)
        .executeUpdate();
    audit.success(
        AuditAction.CATALOG_MODEL_REMOVED,
        null,
        AuditTarget.Kind.MODEL.of(code),
        Changes.removed(before.get(), Set.of()));
  }

  private static void refuse(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private static Size size(Row r) {
    return new Size(
        r.str(0),
        r.str(1),
        r.integer(2),
        r.lng(3),
        r.integer(4),
        r.integer(5),
        r.str(6),
        r.str(7),
        r.integer(8));
  }
}
