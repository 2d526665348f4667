package eu.federa.catalog;

import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the federation offers: images, sizes, and which providers offer each image. */
@ApplicationScoped
public class Catalog {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;

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

  private List<Image> allImages() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT code, os_name, os_version, architecture, purpose FROM catalog_image"
                    + " ORDER BY position, code")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Image(
                    (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4]))
        .toList();
  }

  /** The open-weight models platform admins curate. */
  @Transactional
  public List<Model> models() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT code, name, parameters_billion, licence, min_gpu_memory_gib,"
                    + " context_length FROM catalog_model ORDER BY position, code")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Model(
                    (String) r[0],
                    (String) r[1],
                    (java.math.BigDecimal) r[2],
                    (String) r[3],
                    ((Number) r[4]).intValue(),
                    ((Number) r[5]).intValue()))
        .toList();
  }

  @Transactional
  public Optional<Model> model(String code) {
    return models().stream().filter(m -> m.code().equals(code)).findFirst();
  }

  @Transactional
  public List<Size> sizes() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT code, name, vcpu, memory_mib, disk_gib, gpus, gpu_class, gpu_model,"
                    + " gpu_memory_gib FROM catalog_size ORDER BY position, code")
            .getResultList();
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
    java.util.Set<String> vmImages =
        images().stream().map(Image::code).collect(java.util.stream.Collectors.toSet());
    return offers(null).stream().filter(o -> vmImages.contains(o.imageCode())).toList();
  }

  /** The providers that offer the image. */
  @Transactional
  public List<Offer> offersOf(String imageCode) {
    return offers(imageCode);
  }

  private List<Offer> offers(String imageCode) {
    jakarta.persistence.Query query =
        em.createNativeQuery(
            "SELECT o.image_code, CONCAT(i.os_name, ' ', i.os_version), p.id, p.name,"
                + " p.country_code, p.jurisdiction, p.certifications, p.edge_site,"
                + " o.one_template_id"
                + " FROM catalog_image_offer o JOIN catalog_image i ON i.code = o.image_code"
                + " JOIN provider p ON p.id = o.provider_id WHERE p.enabled"
                + (imageCode == null ? "" : " AND o.image_code = ?1")
                + " ORDER BY i.position, p.country_code, p.name");
    if (imageCode != null) {
      query.setParameter(1, imageCode);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new Offer(
                    (String) r[0],
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    Arrays.stream(((String) r[6]).split(";"))
                        .map(String::trim)
                        .filter(c -> !c.isEmpty())
                        .toList(),
                    r[7] instanceof Boolean b ? b : ((Number) r[7]).intValue() != 0,
                    ((Number) r[8]).intValue()))
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
    if (em.createNativeQuery("SELECT id FROM provider WHERE id = ?1")
        .setParameter(1, providerId)
        .getResultList()
        .isEmpty()) {
      throw new InvalidInputException(FieldError.of("provider", "catalog.error.provider"));
    }
    em.createNativeQuery(
            "INSERT INTO catalog_image_offer (image_code, provider_id, one_template_id)"
                + " VALUES (?1, ?2, ?3) ON DUPLICATE KEY UPDATE one_template_id = ?3")
        .setParameter(1, imageCode)
        .setParameter(2, providerId)
        .setParameter(3, templateId)
        .executeUpdate();
  }

  /** Adds an image to the catalog (platform admins); an existing code is refused. */
  @Transactional
  public void addImage(Image image) {
    caller.requirePlatformAdmin();
    if (image.code() == null || !image.code().matches("[a-z0-9][a-z0-9.-]{1,59}")) {
      throw new InvalidInputException(FieldError.of("code", "catalog.error.code"));
    }
    if (image(image.code()).isPresent()) {
      throw new InvalidInputException(FieldError.of("code", "catalog.error.exists"));
    }
    em.createNativeQuery(
            "INSERT INTO catalog_image (code, os_name, os_version, architecture, position)"
                + " VALUES (?1, ?2, ?3, ?4, 100)")
        .setParameter(1, image.code())
        .setParameter(2, image.osName())
        .setParameter(3, image.osVersion())
        .setParameter(4, image.architecture())
        .executeUpdate();
  }

  private static Size size(Object[] r) {
    return new Size(
        (String) r[0],
        (String) r[1],
        ((Number) r[2]).intValue(),
        ((Number) r[3]).longValue(),
        ((Number) r[4]).intValue(),
        ((Number) r[5]).intValue(),
        (String) r[6],
        (String) r[7],
        ((Number) r[8]).intValue());
  }
}
