package eu.federa.dashboard.web;

import eu.federa.identity.UserAccount;
import eu.federa.identity.web.SignedInAccount;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.web.InstantConverter;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;

/** Backs the dashboard. */
@Named
@RequestScoped
public class Dashboard {

  @Inject SignedInAccount signedIn;
  @Inject CurrentUser currentUser;
  @Inject CurrentTenant currentTenant;

  private String previousSignIn;

  @PostConstruct
  void load() {
    UserAccount account = signedIn.account();
    if (account != null) {
      previousSignIn = format(account.previousSignInAt());
    }
  }

  /**
   * A partner user whom no membership rule placed in a tenant, and who has not asked for one, is
   * sent to the page that explains it and offers onboarding.
   */
  public String route() {
    boolean partner = currentUser.user().map(u -> u.identityProvider() != null).orElse(false);
    return needsAnOrganisation(
            partner, currentTenant.isMember(), currentTenant.getLatestRequest() != null)
        ? "/no-organisation.xhtml?faces-redirect=true"
        : null;
  }

  /** The rule of {@link #route}: only a partner user with no tenant and no request waiting. */
  static boolean needsAnOrganisation(boolean partnerUser, boolean member, boolean requested) {
    return partnerUser && !member && !requested;
  }

  private static String format(Instant instant) {
    return instant == null ? null : InstantConverter.format(instant);
  }

  public String getPreviousSignIn() {
    return previousSignIn;
  }
}
