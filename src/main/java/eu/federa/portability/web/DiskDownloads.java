package eu.federa.portability.web;

import eu.federa.platform.http.FileDownload;
import eu.federa.platform.security.NotFoundException;
import eu.federa.portability.Exports;
import eu.federa.portability.Imports;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disks of an export too large to travel in its bundle, at the signed links {@code disks.json}
 * lists: {@code /disks/<export>/<disk>?s=<signature>}, without signing in (a tool downloads them),
 * resumable with a {@code Range}, each download audited. A link Federa did not sign, or of a bundle
 * no longer kept, is not found. Also the disks of an import at {@code /disks/imports/<vm>?s=},
 * which the provider chosen for the VM downloads.
 */
@WebServlet("/disks/*")
public class DiskDownloads extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final Pattern PATH = Pattern.compile("/(\\d{1,18})/(\\d{1,18})");

  /** An imported VM's disk, for the provider that recreates the VM. */
  private static final Pattern IMPORTED = Pattern.compile("/imports/(\\d{1,18})");

  @Inject transient Exports exports;
  @Inject transient Imports imports;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    Matcher m = PATH.matcher(path);
    Matcher imported = IMPORTED.matcher(path);
    Exports.Download d;
    try {
      if (m.matches()) {
        d =
            exports.diskByLink(
                Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), request.getParameter("s"));
      } else if (imported.matches()) {
        d = imports.diskByLink(Long.parseLong(imported.group(1)), request.getParameter("s"));
      } else {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
    } catch (NotFoundException gone) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    FileDownload.serve(request, response, d.file(), d.sizeBytes(), d.sha256(), d.fileName());
  }
}
