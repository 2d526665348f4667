package eu.federa.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A disabled account's refusal is answered without a page rendered in the refused request (whose
 * session was just invalidated): pages are sent to the explanation, the API gets its 403 body.
 */
class SignInFilterTest {

  private final Map<String, Object> answer = new HashMap<>();
  private final StringWriter body = new StringWriter();

  @Test
  void aPageIsSentToTheExplanation() throws Exception {
    SignInFilter.refuseDisabled(request("/federa/team.xhtml", Locale.ENGLISH), response());
    assertThat(answer).containsEntry("redirect", "/federa/error/403.xhtml?reason=disabled");
    assertThat(body.toString()).isEmpty();
  }

  @Test
  void anApiCallGetsTheApisForbiddenAnswerInTheCallersLanguage() throws Exception {
    SignInFilter.refuseDisabled(request("/federa/api/v1/tenants", Locale.FRENCH), response());
    assertThat(answer).containsEntry("status", 403).containsEntry("type", "application/json");
    JsonObject json = Json.createReader(new StringReader(body.toString())).readObject();
    assertThat(json.getInt("status")).isEqualTo(403);
    assertThat(json.getString("message")).contains("désactivé");
    assertThat(json.getJsonArray("fields")).isEmpty();
    assertThat(json.isNull("incident")).isTrue();
    assertThat(answer).doesNotContainKey("redirect");
  }

  @Test
  void anApiCallWhoseDatabaseWentAwayGetsA503NotAnIncident() throws Exception {
    RuntimeException lost =
        new jakarta.persistence.PersistenceException(
            new java.sql.SQLNonTransientConnectionException("Socket error", "08000"));
    boolean answered =
        eu.federa.platform.http.ApiRefusal.databaseTrouble(
            request("/federa/api/v1/tenants", Locale.ENGLISH), response(), lost);
    assertThat(answered).isTrue();
    assertThat(answer).containsEntry("status", 503).containsEntry("header Retry-After", "5");
    JsonObject json = Json.createReader(new StringReader(body.toString())).readObject();
    assertThat(json.getString("message")).contains("may not have been saved");
    assertThat(
            eu.federa.platform.http.ApiRefusal.databaseTrouble(
                request("/federa/api/v1/tenants", Locale.ENGLISH),
                response(),
                new IllegalStateException("a bug")))
        .isFalse();
  }

  private static HttpServletRequest request(String uri, Locale locale) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            SignInFilterTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRequestURI" -> uri;
                  case "getContextPath" -> "/federa";
                  case "getLocale" -> locale;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private HttpServletResponse response() {
    PrintWriter writer = new PrintWriter(body);
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            SignInFilterTest.class.getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "sendRedirect" -> answer.put("redirect", args[0]);
                  case "setStatus" -> answer.put("status", args[0]);
                  case "setContentType" -> answer.put("type", args[0]);
                  case "setCharacterEncoding" -> answer.put("encoding", args[0]);
                  case "setHeader" -> answer.put("header " + args[0], args[1]);
                  case "isCommitted" -> false;
                  case "getWriter" -> writer;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
