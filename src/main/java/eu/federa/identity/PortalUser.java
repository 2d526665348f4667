package eu.federa.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/**
 * The portal's own record of a person who signed in through Keycloak. Created at the first sign-in;
 * the identity provider stays the source of truth for name and e-mail, which are refreshed at every
 * sign-in.
 */
@Entity
@Table(name = "portal_user")
public class PortalUser {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "subject", nullable = false, unique = true, length = 255)
  private String subject;

  @Column(name = "username", nullable = false, length = 255)
  private String username;

  @Column(name = "email", length = 320)
  private String email;

  /** Whether the identity provider vouched for {@link #email} at the last sign-in. */
  @Column(name = "email_verified", nullable = false)
  private boolean emailVerified;

  @Column(name = "display_name", nullable = false, length = 255)
  private String displayName;

  @Column(name = "identity_provider", length = 100)
  private String identityProvider;

  @Column(name = "preferred_locale", length = 35)
  private String preferredLocale;

  @Column(name = "time_zone", length = 64)
  private String timeZone;

  @Column(name = "first_sign_in_at", nullable = false)
  private Instant firstSignInAt;

  @Column(name = "last_sign_in_at", nullable = false)
  private Instant lastSignInAt;

  @Column(name = "previous_sign_in_at")
  private Instant previousSignInAt;

  @Column(name = "disabled_at")
  private Instant disabledAt;

  @Column(name = "disabled_by")
  private String disabledBy;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected PortalUser() {}

  public Long getId() {
    return id;
  }

  public String getSubject() {
    return subject;
  }

  public String getUsername() {
    return username;
  }

  public String getEmail() {
    return email;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getIdentityProvider() {
    return identityProvider;
  }

  public Instant getFirstSignInAt() {
    return firstSignInAt;
  }

  public Instant getLastSignInAt() {
    return lastSignInAt;
  }

  public Instant getPreviousSignInAt() {
    return previousSignInAt;
  }

  public Locale getPreferredLocale() {
    return preferredLocale == null ? null : Locale.forLanguageTag(preferredLocale);
  }

  public void preferLocale(Locale locale) {
    this.preferredLocale = locale == null ? null : locale.toLanguageTag();
  }

  /** The zone the user reads times in, or null for UTC. */
  public String getTimeZone() {
    return timeZone;
  }

  public void chooseTimeZone(String zoneId) {
    this.timeZone = zoneId;
  }

  public Instant getDisabledAt() {
    return disabledAt;
  }

  void disable(String by, Instant now) {
    if (disabledAt == null) {
      disabledAt = now;
      disabledBy = by;
    }
  }

  void enable() {
    disabledAt = null;
    disabledBy = null;
  }
}
