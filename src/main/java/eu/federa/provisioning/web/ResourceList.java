package eu.federa.provisioning.web;

import eu.federa.platform.i18n.ReaderFormats;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Markup;
import eu.federa.platform.web.PageRefresh;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.ResourceListing;
import eu.federa.provisioning.ResourceRow;
import eu.federa.tenancy.TeamViews;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Backs the resource list: the tenant's VMs, 20 a page read from the database (newest first).
 *
 * <p>The project shown and the page are the page's own query ({@code ?project=7&first=20}: a plain
 * GET form and pager links), so a list can be bookmarked and reloaded, and the page keeps nothing
 * between requests: no Faces form, no view state, nothing written to the clustered session (for a
 * member; a tenant admin's approval queue is a Faces form). The list refreshes itself from the same
 * address (resources/js/refresh.js): every few seconds while a VM shown is under way, now and then
 * otherwise. The table and its pager are written by one component ({@link ResourceTable}): a
 * PrimeFaces table's cells were half of the page's time under load, and the Facelet's own header
 * and pager the most of its view's build that was left (docs/performance.md, "Pages under load",
 * "Nineteenth pass").
 */
@Named
@RequestScoped
public class ResourceList {

  /** Rows a page. */
  static final int PAGE = 20;

  /** The query parameters. */
  public static final String PROJECT = "project";

  public static final String FIRST = "first";

  /** Seconds between refreshes while a VM shown is under way, and otherwise. */
  static final int BUSY_SECONDS = 3;

  static final int QUIET_SECONDS = 15;

  @Inject CurrentTenant tenant;
  @Inject ResourceListing listing;
  @Inject ReaderFormats formats;
  @Inject PageRefresh refresh;

  private Long project;
  private int first;
  private List<ResourceRow> rows = List.of();
  private long total;
  private Map<Long, BigDecimal> costs = Map.of();
  private List<TeamViews.ProjectName> projects = List.of();

  @PostConstruct
  void load() {
    Map<String, String> query =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    show(number(query.get(PROJECT)), number(query.get(FIRST)));
  }

  /**
   * Reads the page asked for. A project the organisation does not have (an old bookmark, a
   * hand-written query) is taken as "all projects", as the filter then shows it; the first row is
   * brought to the start of its page, and past the end to the last page there is.
   */
  void show(Long projectAsked, Long firstAsked) {
    Long tenantId = tenant.getId();
    if (tenantId == null) {
      return;
    }
    int from = firstOfPage(firstAsked);
    ResourceListing.Shown read = listing.read(tenantId, projectAsked, from, PAGE, true);
    projects = read.projects();
    if (projectAsked != null && projects.stream().noneMatch(p -> p.id() == projectAsked)) {
      read = listing.read(tenantId, null, from, PAGE, false);
      project = null;
    } else {
      project = projectAsked;
    }
    first = read.page().first();
    rows = read.page().rows();
    total = read.page().total();
    costs = read.costs();
  }

  /** The start of the page that holds row {@code asked} (0 for none, a negative or a huge one). */
  static int firstOfPage(Long asked) {
    if (asked == null || asked <= 0) {
      return 0;
    }
    long capped = Math.min(asked, Integer.MAX_VALUE - PAGE);
    return (int) (capped / PAGE * PAGE);
  }

  /** A whole number, or null for anything else. */
  static Long number(String value) {
    if (value == null || value.isBlank() || value.length() > 18) {
      return null;
    }
    try {
      return Long.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The list: its table (header, rows, the empty list's hint) and its pager. */
  public Markup getListMarkup() {
    return ResourceTable.write(
        rows,
        costs,
        pager(),
        refreshMillis(),
        FormMessages.bundle(),
        formats.formats(),
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath());
  }

  /** The projects to filter by, as a select's options, the chosen one selected. */
  public List<Markup> getProjectOptions() {
    return projects.stream()
        .<Markup>map(
            p ->
                Markup.option(
                    Long.toString(p.id()), p.name(), project != null && p.id() == project))
        .toList();
  }

  /**
   * Milliseconds until the list refreshes itself: soon while a VM shown is on its way somewhere (an
   * order deploying, a VM stopping, an order waiting for approval), otherwise now and then, for
   * what others ordered or changed meanwhile.
   */
  long refreshMillis() {
    return refresh.every(
        busy(rows.stream().map(ResourceRow::state).toList()) ? BUSY_SECONDS : QUIET_SECONDS);
  }

  /** Whether one of these states is on its way to another. */
  static boolean busy(List<OrderState> states) {
    return states.stream()
        .anyMatch(
            s ->
                s.inProgress()
                    || s == OrderState.AWAITING_APPROVAL
                    || s == OrderState.MOVING
                    || s == OrderState.MIGRATING);
  }

  /** The address of the page starting at row {@code from}, with the project shown. */
  private String pageAt(int from) {
    StringBuilder url =
        new StringBuilder(
            FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath());
    url.append("/resources.xhtml?");
    if (project != null) {
      url.append(PROJECT).append('=').append(project).append('&');
    }
    return url.append(FIRST).append('=').append(from).toString();
  }

  /** Where the pager stands: the previous and next pages' addresses where there are such pages. */
  ResourceTable.Pager pager() {
    return new ResourceTable.Pager(
        first,
        rows.size(),
        total,
        first > 0 ? pageAt(Math.max(0, first - PAGE)) : null,
        first + PAGE < total ? pageAt(first + PAGE) : null);
  }
}
