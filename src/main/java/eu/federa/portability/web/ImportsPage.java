package eu.federa.portability.web;

import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.portability.ImportView;
import eu.federa.portability.Imports;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/**
 * Backs {@code admin/imports.xhtml}: a platform admin uploads a tenant's export bundle (optionally
 * with the organisation's name and VAT id here) and follows each import: the organisation, then
 * each VM's disk, order and provider.
 */
@Named
@ViewScoped
public class ImportsPage implements Serializable {

  /** Rows a page of the list shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject Imports imports;
  @Inject PublicUrl publicUrl;

  private transient Part file;
  private String name;
  private String vatId;
  private LazyDataModel<ImportView> all;

  public void load() {
    all =
        ServerPagedList.of(
            Imports.class, (service, first, max) -> service.page(first, max), ROWS, ImportView::id);
  }

  public void upload() throws IOException {
    if (file == null || file.getSize() == 0) {
      FormMessages.error("import.error.empty");
      return;
    }
    try (InputStream in = file.getInputStream()) {
      long id = imports.upload(in, name, vatId, publicUrl.base());
      FormMessages.info("import.started", String.valueOf(id)); // an identifier, not grouped
      name = null;
      vatId = null;
    } catch (InvalidInputException e) {
      FormMessages.show("upload", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    load();
  }

  /** Whether an import is still on its way (the page then looks again every few seconds). */
  public boolean isBusy() {
    return imports.anyInProgress();
  }

  public LazyDataModel<ImportView> getAll() {
    return all;
  }

  public Part getFile() {
    return file;
  }

  public void setFile(Part file) {
    this.file = file;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVatId() {
    return vatId;
  }

  public void setVatId(String vatId) {
    this.vatId = vatId;
  }

  public int getRows() {
    return ROWS;
  }
}
