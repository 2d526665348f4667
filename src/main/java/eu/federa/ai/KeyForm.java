package eu.federa.ai;

import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.Text;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A new API key.
 *
 * @param projectId the project it is held for (its usage counts there); null: the organisation
 * @param allEndpoints every inference endpoint of the organisation, also those ordered later;
 *     otherwise those of {@code serviceIds}
 * @param expiresAt null: until revoked
 * @param requestsPerMinute null: no limit of its own
 * @param tokensPerMinute input and output tokens together; null: no limit of its own
 */
public record KeyForm(
    @Text(max = KeyForm.MAX_NAME) String name,
    Long projectId,
    boolean allEndpoints,
    Set<Long> serviceIds,
    Instant expiresAt,
    Integer requestsPerMinute,
    Integer tokensPerMinute)
    implements Serializable {

  static final int MAX_NAME = 80;
  static final int MAX_PER_MINUTE = 10_000_000;

  public KeyForm {
    serviceIds = serviceIds == null ? Set.of() : Set.copyOf(serviceIds);
  }

  /** Checks the form on its own; the service checks the project and endpoints are the tenant's. */
  void check(Instant now) {
    List<FieldError> errors = new ArrayList<>(Constraints.check(this));
    if (!allEndpoints && serviceIds.isEmpty()) {
      errors.add(FieldError.of("endpoints", "aikey.error.endpoints"));
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      errors.add(FieldError.of("expires", "aikey.error.expiry"));
    }
    checkLimit(requestsPerMinute, "requestsPerMinute", errors);
    checkLimit(tokensPerMinute, "tokensPerMinute", errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /** A limit per minute (a key's or a project's): none, or 1 to {@link #MAX_PER_MINUTE}. */
  static void checkLimit(Integer perMinute, String field, List<FieldError> errors) {
    if (perMinute != null && (perMinute < 1 || perMinute > MAX_PER_MINUTE)) {
      errors.add(FieldError.of(field, "aikey.error.limit", MAX_PER_MINUTE));
    }
  }
}
