package eu.federa.dashboard.web;

import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Markup;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The menu under the header, on every page: the links the user may follow in their organisation,
 * the current page's marked. Written by one component ({@link Markup}) instead of a component and
 * three expressions a link, since every page of the portal draws it (docs/performance.md, "Pages
 * under load").
 */
@Named
@RequestScoped
public class Navigation {

  @Inject CurrentTenant tenant;
  @Inject CurrentUser user;

  /** Who sees what of the menu. */
  record Viewer(
      boolean member,
      boolean billing,
      boolean exporter,
      boolean tenantAdmin,
      boolean platformAdmin) {}

  /** A link of the menu: its page (as pages name themselves), address and text's key. */
  private record Link(String page, String path, String key) {}

  /** The menu's links for {@code page} (the page's own name, null for none). */
  public List<Markup> links(String page) {
    Viewer viewer =
        new Viewer(
            tenant.isMember(),
            tenant.isAllowedBilling(),
            tenant.isExporter(),
            tenant.isAdmin(),
            user.isPlatformAdmin());
    return write(
        visible(viewer),
        page,
        FormMessages.bundle(),
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath());
  }

  /** The links {@code viewer} sees, in the menu's order. */
  static List<String> visible(Viewer viewer) {
    List<String> pages =
        new ArrayList<>(
            List.of(
                "dashboard",
                "catalog",
                "ai",
                "usage",
                "resources",
                "firewall",
                "volumes",
                "backups"));
    if (!viewer.member() || viewer.billing()) {
      pages.add("billing");
    }
    pages.add("team");
    if (viewer.exporter()) {
      pages.add("exports");
    }
    if (viewer.tenantAdmin()) {
      pages.add("audit");
      pages.add("exit");
    }
    if (!viewer.member()) {
      pages.add("exit-records");
    }
    if (viewer.platformAdmin()) {
      pages.add("admin");
    }
    return pages;
  }

  private static Link link(String page) {
    return switch (page) {
      case "exit-records" -> new Link(page, "/exit-records.xhtml", "nav.exitRecords");
      case "admin" -> new Link(page, "/admin/index.xhtml", "nav.admin");
      default -> new Link(page, "/" + page + ".xhtml", "nav." + page);
    };
  }

  static List<Markup> write(
      List<String> pages, String current, ResourceBundle msg, String contextPath) {
    List<Markup> links = new ArrayList<>(pages.size());
    for (String page : pages) {
      Link link = link(page);
      links.add(
          Markup.el("a")
              .attr("id", "nav-" + page)
              .attr("href", contextPath + link.path())
              .css(page.equals(current) ? "fd-active" : null)
              .attr("aria-current", page.equals(current) ? "page" : null)
              .text(msg.getString(link.key())));
    }
    return links;
  }
}
