package eu.federa.placement.web;

import eu.federa.placement.LatencyTable;
import eu.federa.placement.LatencyTable.Measurement;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Backs the upload of the measured latency table (CSV) on the what-if page. */
@Named
@RequestScoped
public class LatencyUpload {

  private static final long MAX_BYTES = 1024 * 1024;

  @Inject LatencyTable table;

  private Part file;
  private List<Measurement> measurements;

  @PostConstruct
  void load() {
    measurements = table.list();
  }

  public void upload() throws IOException {
    if (file == null || file.getSize() == 0) {
      FormMessages.error("latency.error.empty");
      return;
    }
    if (file.getSize() > MAX_BYTES) {
      FormMessages.error("latency.error.size");
      return;
    }
    String csv;
    try (InputStream in = file.getInputStream()) {
      csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      int count = table.replace(csv);
      FormMessages.info("latency.uploaded", count);
    } catch (InvalidInputException e) {
      FormMessages.show(null, e.errors());
    }
    measurements = table.list();
  }

  public Part getFile() {
    return file;
  }

  public void setFile(Part file) {
    this.file = file;
  }

  public List<Measurement> getMeasurements() {
    return measurements;
  }
}
