package eu.federa.dashboard.web;

import eu.federa.identity.UserAccount;
import eu.federa.identity.web.SignedInAccount;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Backs the dashboard. */
@Named
@RequestScoped
public class Dashboard {

  private static final DateTimeFormatter UTC_MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
    return instant == null ? null : UTC_MINUTES.format(instant);
  }

  public String getPreviousSignIn() {
    return previousSignIn;
  }

  public String getMemberSince() {
    return memberSince;
  }
}
