package eu.federa.portability.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * The published schemas of the export bundle's files (Data Act Art. 26: a register of the data
 * structures and formats), readable without signing in at {@code /schemas/export/v1/<name>}.
 */
@WebServlet("/schemas/export/v1/*")
public class ExportSchemas extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final Pattern NAME = Pattern.compile("/[a-z][a-z-]{0,40}\\.schema\\.json");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String name = request.getPathInfo();
    InputStream schema =
        name == null || !NAME.matcher(name).matches()
            ? null
            : ExportSchemas.class.getResourceAsStream("/eu/federa/portability/schemas/v1" + name);
    if (schema == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    try (InputStream in = schema) {
      response.setContentType("application/schema+json");
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Cache-Control", "public, max-age=3600");
      in.transferTo(response.getOutputStream());
    }
  }
}
