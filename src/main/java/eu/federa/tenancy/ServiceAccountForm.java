package eu.federa.tenancy;

import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.Text;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A new service account.
 *
 * @param roleName {@code MEMBER}, {@code BILLING} or {@code VIEWER}: administration stays with
 *     people (a script cannot invite, change roles or make further accounts)
 * @param projectIds the projects it works in (a member orders there)
 * @param expiresAt when its token stops working: within {@link #MAX_LIFETIME}
 */
public record ServiceAccountForm(
    @Text(max = ServiceAccountForm.MAX_NAME) String name,
    String roleName,
    Set<Long> projectIds,
    Instant expiresAt)
    implements Serializable {

  static final int MAX_NAME = 80;

  /** The longest a token may live: a script's secret is renewed at least once a year. */
  static final Duration MAX_LIFETIME = Duration.ofDays(366);

  public ServiceAccountForm {
    projectIds = projectIds == null ? Set.of() : Set.copyOf(projectIds);
  }

  /**
   * Checks the form on its own (the service checks the projects are the tenant's).
   *
   * @return the role
   * @throws InvalidInputException naming each bad field
   */
  TenantRole check(Instant now) {
    List<FieldError> errors = new ArrayList<>(Constraints.check(this));
    Optional<TenantRole> role = TenantRole.parse(roleName);
    if (role.isEmpty() || !role.get().isForServiceAccounts()) {
      errors.add(FieldError.of("role", "serviceAccount.error.role"));
    }
    if (expiresAt == null) {
      errors.add(FieldError.of("expires", "serviceAccount.error.expiryMissing"));
    } else if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
      errors.add(FieldError.of("expires", "serviceAccount.error.expiry", MAX_LIFETIME.toDays()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return role.get();
  }
}
