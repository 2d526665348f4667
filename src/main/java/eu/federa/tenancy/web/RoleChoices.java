package eu.federa.tenancy.web;

import eu.federa.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The roles as a menu's choices, by name, labelled in the reader's language: made once a request
 * for every menu of the page. The team page has one in each member's row; each option labelled
 * through an expression was a tenth of the page's time at the size (docs/performance.md).
 */
@Named
@RequestScoped
public class RoleChoices {

  private List<SelectItem> all;
  private List<SelectItem> forServiceAccounts;

  /** Every role. */
  public List<SelectItem> getAll() {
    if (all == null) {
      all = items(Arrays.asList(TenantRole.values()));
    }
    return all;
  }

  /** The roles a service account may have: administration stays with people. */
  public List<SelectItem> getForServiceAccounts() {
    if (forServiceAccounts == null) {
      forServiceAccounts = items(TenantRole.serviceAccountRoles());
    }
    return forServiceAccounts;
  }

  private static List<SelectItem> items(List<TenantRole> roles) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle msg = faces.getApplication().getResourceBundle(faces, "msg");
    return roles.stream()
        .map(r -> new SelectItem(r.name(), msg.getString("role." + r.name())))
        .toList();
  }
}
