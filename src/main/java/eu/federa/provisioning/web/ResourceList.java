package eu.federa.provisioning.web;

import eu.federa.platform.i18n.ReaderFormats;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Markup;
import eu.federa.provisioning.OrderView;
import eu.federa.provisioning.ResourceListing;
import eu.federa.tenancy.TeamViews;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Backs the resource list: the tenant's VMs, 20 a page read from the database (newest first),
 * refreshed while open. The page is drawn as a plain table: a PrimeFaces table's cells were half of
 * the page's time under load (docs/performance.md, "Pages under load").
 */
@Named
@ViewScoped
public class ResourceList implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows a page. */
  static final int PAGE = 20;

  @Inject CurrentTenant tenant;

  private Long project;
  private int first;

  /** The organisation's projects for the filter, read with the first page. */
  private List<TeamViews.ProjectName> projects;

  /** One request's page of rows and their costs (read once a request, never kept). */
  private record Shown(List<OrderView> rows, long total, Map<Long, BigDecimal> costs) {}

  /**
   * Lists the chosen project's resources (none chosen: all of the organisation's), from the top.
   */
  public void filter() {
    first = 0;
    forget();
  }

  public void previous() {
    first = Math.max(0, first - PAGE);
    forget();
  }

  /** The next page; past the end, {@link #read} brings it back to the last page there is. */
  public void next() {
    first += PAGE;
    forget();
  }

  private Shown shown() {
    Map<Object, Object> request = FacesContext.getCurrentInstance().getAttributes();
    Shown shown = (Shown) request.get(this);
    if (shown == null) {
      shown = read();
      request.put(this, shown);
    }
    return shown;
  }

  private void forget() {
    FacesContext.getCurrentInstance().getAttributes().remove(this);
  }

  private Shown read() {
    Long tenantId = tenant.getId();
    if (tenantId == null) {
      projects = List.of();
      return new Shown(List.of(), 0, Map.of());
    }
    ResourceListing.Shown read =
        CDI.current()
            .select(ResourceListing.class)
            .get()
            .read(tenantId, project, first, PAGE, projects == null);
    if (read.projects() != null) {
      projects = read.projects();
    }
    first = read.page().first(); // rows ended since: the last page there is
    return new Shown(read.page().rows(), read.page().total(), read.costs());
  }

  /** The page's rows as the table writes them. */
  public List<Markup> getRowMarkup() {
    FacesContext faces = FacesContext.getCurrentInstance();
    return ResourceRows.write(
        shown().rows(),
        shown().costs(),
        FormMessages.bundle(),
        CDI.current().select(ReaderFormats.class).get().formats(),
        faces.getExternalContext().getRequestContextPath());
  }

  public long getTotal() {
    return shown().total();
  }

  /** The first row shown, counted from 1. */
  public long getFrom() {
    return shown().rows().isEmpty() ? 0 : first + 1L;
  }

  public long getTo() {
    return first + (long) shown().rows().size();
  }

  public boolean isHasPrevious() {
    return first > 0;
  }

  public boolean isHasNext() {
    return first + PAGE < shown().total();
  }

  public Long getProject() {
    return project;
  }

  public void setProject(Long project) {
    this.project = project;
  }

  public List<TeamViews.ProjectName> getProjects() {
    if (projects == null) {
      shown(); // the projects come with the first page
    }
    return projects;
  }
}
