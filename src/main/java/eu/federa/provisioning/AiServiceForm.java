package eu.federa.provisioning;

import eu.federa.placement.PlacementChoices;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An AI service order.
 *
 * @param replicas inference endpoints only: how many GPU VMs serve the model (1 to 4)
 * @param datasetUrl training only: where the dataset is (https or s3)
 * @param durationLimitMinutes training only: the job ends itself this long after it starts
 * @param projectId the project it is for (its VMs are the project's; a project's notebooks open for
 *     its members only, its endpoints answer its keys only); null: the organisation's own
 * @param placement where its VMs should run beyond the countries, as for a VM order; null: none
 */
public record AiServiceForm(
    AiKind kind,
    String name,
    String modelCode,
    String sizeCode,
    int replicas,
    String datasetUrl,
    Integer durationLimitMinutes,
    List<String> countries,
    String idempotencyKey,
    Long projectId,
    PlacementChoices placement)
    implements Serializable {

  public AiServiceForm(
      AiKind kind,
      String name,
      String modelCode,
      String sizeCode,
      int replicas,
      String datasetUrl,
      Integer durationLimitMinutes,
      List<String> countries,
      String idempotencyKey,
      Long projectId) {
    this(
        kind,
        name,
        modelCode,
        sizeCode,
        replicas,
        datasetUrl,
        durationLimitMinutes,
        countries,
        idempotencyKey,
        projectId,
        null);
  }

  public static final int MAX_REPLICAS = 4;
  public static final int MAX_TRAINING_MINUTES = 7 * 24 * 60;
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,59}[a-z0-9])?");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,60}");

  public AiServiceForm {
    countries = EuropeanCountries.copyOf(countries);
    placement = PlacementChoices.orNone(placement);
  }

  /** Checks the form on its own; the catalog (model fits the GPUs) is checked by the service. */
  public void check() {
    List<FieldError> errors = new ArrayList<>();
    if (kind == null) {
      errors.add(FieldError.of("kind", "ai.error.kind"));
    }
    if (name == null || !NAME.matcher(name).matches()) {
      errors.add(FieldError.of("name", "order.error.name"));
    }
    if (kind != null && kind.needsModel() && (modelCode == null || modelCode.isBlank())) {
      errors.add(FieldError.of("model", "ai.error.modelRequired"));
    }
    if (sizeCode == null || sizeCode.isBlank()) {
      errors.add(FieldError.of("size", "order.error.sizeRequired"));
    }
    if (kind == AiKind.INFERENCE && (replicas < 1 || replicas > MAX_REPLICAS)) {
      errors.add(FieldError.of("replicas", "ai.error.replicas", MAX_REPLICAS));
    }
    if (kind == AiKind.TRAINING) {
      if (!isDatasetUrl(datasetUrl)) {
        errors.add(FieldError.of("dataset", "ai.error.dataset"));
      }
      if (durationLimitMinutes == null
          || durationLimitMinutes < 1
          || durationLimitMinutes > MAX_TRAINING_MINUTES) {
        errors.add(FieldError.of("duration", "ai.error.duration", MAX_TRAINING_MINUTES));
      }
    }
    EuropeanCountries.check(countries, "countries", "order.error.country", errors);
    placement.check(errors);
    if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
      errors.add(FieldError.of("idempotencyKey", "order.error.key"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private static boolean isDatasetUrl(String url) {
    if (url == null || url.isBlank() || url.length() > 500) {
      return false;
    }
    try {
      URI uri = new URI(url.trim());
      return ("https".equals(uri.getScheme()) || "s3".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
