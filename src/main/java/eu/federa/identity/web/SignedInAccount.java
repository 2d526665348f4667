package eu.federa.identity.web;

import eu.federa.identity.UserAccount;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/** The signed-in user's account snapshot, kept for the HTTP session (small and serializable). */
@SessionScoped
public class SignedInAccount implements Serializable {

  private static final long serialVersionUID = 1L;

  private UserAccount account;

  public UserAccount account() {
    return account;
  }

  void remember(UserAccount account) {
    this.account = account;
  }

  boolean isFor(String subject) {
    return account != null && account.subject().equals(subject);
  }
}
