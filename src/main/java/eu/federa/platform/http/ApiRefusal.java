package eu.federa.platform.http;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ResourceBundle;

/** The API's error answer, written by a servlet filter that refuses a call. */
public final class ApiRefusal {

  private ApiRefusal() {}

  /**
   * Answers an API call that failed in a filter because the database went away (503, Retry-After)
   * or its transaction lost to a concurrent one (409), as the API itself would; false for any other
   * failure, which the caller rethrows.
   */
  public static boolean databaseTrouble(
      HttpServletRequest request, HttpServletResponse response, RuntimeException error)
      throws IOException {
    if (response.isCommitted()) {
      return false;
    }
    if (eu.federa.platform.persistence.TransactionConflicts.connectionLost(error)) {
      response.setHeader("Retry-After", "5");
      send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "api.error.databaseLost");
      return true;
    }
    if (eu.federa.platform.persistence.TransactionConflicts.lostToAnother(error)) {
      send(request, response, HttpServletResponse.SC_CONFLICT, "api.error.retry");
      return true;
    }
    return false;
  }

  /**
   * Answers an API request before it reaches the API (a servlet filter's refusal) with the API's
   * error body ({@code eu.federa.platform.api.ApiError}), the message of {@code messageKey} in the
   * caller's language.
   */
  public static void send(
      HttpServletRequest request, HttpServletResponse response, int status, String messageKey)
      throws IOException {
    String message =
        ResourceBundle.getBundle("eu.federa.platform.i18n.messages", request.getLocale())
            .getString(messageKey);
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("status", status)
                .add("message", message)
                .add("fields", Json.createArrayBuilder())
                .addNull("incident")
                .build()
                .toString());
  }
}
