package eu.federa.identity.web;

import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/** Backs the platform admins' user list: search, disable, enable. */
@Named
@ViewScoped
public class UsersPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject UserAccountService accounts;
  @Inject CurrentUser caller;

  private String search;
  private LazyDataModel<UserAccount> users;

  @PostConstruct
  void open() {
    caller.requirePlatformAdmin(); // before anything renders; the list checks again
    find();
  }

  public void find() {
    String text = search;
    users =
        new ServerPagedList<>(
            () -> service().count(text),
            (first, max) -> service().list(text, first, max),
            UserAccount::id);
  }

  private static UserAccountService service() {
    return CDI.current().select(UserAccountService.class).get();
  }

  public void disable(long accountId) {
    try {
      boolean inKeycloak = accounts.disable(accountId);
      FormMessages.info(inKeycloak ? "users.disabled" : "users.disabledPortalOnly");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey());
    }
  }

  public void enable(long accountId) {
    boolean inKeycloak = accounts.enable(accountId);
    FormMessages.info(inKeycloak ? "users.enabled" : "users.enabledPortalOnly");
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public LazyDataModel<UserAccount> getUsers() {
    return users;
  }
}
