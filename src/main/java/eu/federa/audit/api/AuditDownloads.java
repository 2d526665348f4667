package eu.federa.audit.api;

import eu.federa.audit.AuditTrailExport;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** How the API answers with an audit export: the file streamed as it is read. */
public final class AuditDownloads {

  private AuditDownloads() {}

  /** The download as an attachment named {@code name.csv} or {@code name.json}. */
  public static Response response(AuditTrailExport.Download download, String name) {
    StreamingOutput body = download::writeTo;
    return Response.ok(body, download.format().mediaType())
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + name + "." + download.format().extension() + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
