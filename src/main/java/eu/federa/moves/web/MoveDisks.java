package eu.federa.moves.web;

import eu.federa.moves.Moves;
import eu.federa.platform.http.FileDownload;
import eu.federa.platform.security.NotFoundException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A moving VM's disk, for the target provider's download: {@code
 * /disks/moves/<move>?s=<signature>}, or one of its volumes' ({@code
 * /disks/moves/<move>/volumes/<volume>?s=}), without signing in (the provider's datastore fetches
 * it), resumable with a {@code Range}. A link Federa did not sign, or of a disk the target has
 * already, is not found.
 */
@WebServlet("/disks/moves/*")
public class MoveDisks extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final Pattern PATH = Pattern.compile("/(\\d{1,18})(?:/volumes/(\\d{1,18}))?");

  @Inject transient Moves moves;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher m = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!m.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Moves.Download d;
    try {
      d =
          moves.diskByLink(
              Long.parseLong(m.group(1)),
              m.group(2) == null ? null : Long.valueOf(m.group(2)),
              request.getParameter("s"));
    } catch (NotFoundException gone) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    FileDownload.serve(request, response, d.file(), d.sizeBytes(), d.sha256(), d.fileName());
  }
}
