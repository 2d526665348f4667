package eu.federa.dashboard.web;

import eu.federa.dashboard.DashboardCards;
import eu.federa.platform.i18n.ReaderFormats;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Markup;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The dashboard's cards (resources, quota, spend), read in one call when the page is drawn; nothing
 * for a user without an organisation. The page draws them, with its greeting, as one piece of
 * markup ({@link DashboardMarkup}).
 */
@Named
@RequestScoped
public class Cards {

  @Inject DashboardCards dashboardCards;
  @Inject CurrentTenant tenant;
  @Inject CurrentUser user;
  @Inject Dashboard dashboard;
  @Inject ReaderFormats formats;

  private DashboardCards.Cards cards;

  @PostConstruct
  void load() {
    if (tenant.getId() != null) {
      cards = dashboardCards.of(tenant.getId(), tenant.isAllowedBilling());
    }
  }

  /** The greeting and the cards, as the page writes them. */
  public List<Markup> getMarkup() {
    DashboardMarkup.Reader reader =
        new DashboardMarkup.Reader(
            user.getGivenName(),
            dashboard.getPreviousSignIn(),
            tenant.isMember() ? tenant.getName() : null,
            tenant.getRole(),
            tenant.isRequestPending());
    return DashboardMarkup.write(
        reader,
        cards,
        FormMessages.bundle(),
        formats.formats(),
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath());
  }
}
