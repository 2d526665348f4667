package eu.federa.identity;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * What pages need to know of a user's portal account; an immutable snapshot.
 *
 * @param timeZone the zone the user chose to read times in; null for UTC
 */
public record UserAccount(
    long id,
    String subject,
    String displayName,
    String email,
    String identityProvider,
    Locale preferredLocale,
    ZoneId timeZone,
    Instant firstSignInAt,
    Instant lastSignInAt,
    Instant previousSignInAt,
    Instant disabledAt)
    implements Serializable {

  public boolean disabled() {
    return disabledAt != null;
  }

  static UserAccount of(PortalUser user) {
    return new UserAccount(
        user.getId(),
        user.getSubject(),
        user.getDisplayName(),
        user.getEmail(),
        user.getIdentityProvider(),
        user.getPreferredLocale(),
        eu.federa.platform.i18n.Formats.zone(user.getTimeZone()).orElse(null),
        user.getFirstSignInAt(),
        user.getLastSignInAt(),
        user.getPreviousSignInAt(),
        user.getDisabledAt());
  }
}
