package eu.federa.dashboard.web;

import eu.federa.identity.UserAccount;
import eu.federa.identity.web.SignedInAccount;
import eu.federa.platform.web.InstantConverter;
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

  private String previousSignIn;
  private String memberSince;

  @PostConstruct
  void load() {
    UserAccount account = signedIn.account();
    if (account != null) {
      previousSignIn = format(account.previousSignInAt());
      memberSince = format(account.firstSignInAt());
    }
  }

  private static String format(Instant instant) {
    return instant == null ? null : InstantConverter.format(instant);
  }

  public String getPreviousSignIn() {
    return previousSignIn;
  }

  public String getMemberSince() {
    return memberSince;
  }
}
