package eu.federa.tenancy.web;

import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.tenancy.TenantAdministration;
import eu.federa.tenancy.TenantAdministration.Entry;
import eu.federa.tenancy.TenantAdministration.Search;
import eu.federa.tenancy.TenantAdministration.Sort;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/**
 * Backs Administration → Organisations: every tenant, searched by name, VAT id or country, sorted
 * and paged in the database.
 */
@Named
@ViewScoped
public class OrganisationsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CurrentUser caller;

  private String search;
  private LazyDataModel<Entry> entries;

  @PostConstruct
  void open() {
    caller.requirePlatformAdmin(); // before anything renders; the list checks again
    find();
  }

  /** Lists what the search finds (all when it is blank). */
  public void find() {
    String text = search;
    entries =
        new ServerPagedList<>(
            () -> directory().count(new Search(text, null, false)),
            (first, max, field, descending) ->
                directory().list(new Search(text, sortOf(field), descending), first, max),
            Entry::id);
  }

  /** The table's column, as the directory sorts it (the name when none or unknown). */
  static Sort sortOf(String field) {
    if (field == null) {
      return Sort.NAME;
    }
    return switch (field) {
      case "countryCode" -> Sort.COUNTRY;
      case "createdAt" -> Sort.CREATED;
      case "members" -> Sort.MEMBERS;
      case "state" -> Sort.STATE;
      default -> Sort.NAME;
    };
  }

  private static TenantAdministration directory() {
    return CDI.current().select(TenantAdministration.class).get();
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public LazyDataModel<Entry> getEntries() {
    return entries;
  }
}
