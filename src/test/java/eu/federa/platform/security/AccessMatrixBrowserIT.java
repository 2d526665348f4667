package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #13: who may do what, for every REST endpoint and every page, asserted for the four tenant
 * roles of Acme (theo: admin, mia: member, noah made billing, mallory made viewer), a member of
 * another tenant (lena of Borealis), a platform admin (olivia) and an anonymous caller. The
 * expected answers are in {@code access-matrix.txt} beside this class; the test fails when an
 * endpoint or a page exists that the file does not list (so a new one cannot go unreviewed), and
 * when an answer differs (printing the whole observed matrix, to review and copy).
 *
 * <p>Writes are sent with a body the use case refuses after its access check (a 400) or with an id
 * that does not exist (a 404), so the matrix changes nothing; "-" marks a cell not exercised
 * because it would (leaving the tenant as its member or billing contact).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessMatrixBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  static final List<String> PERSONAS =
      List.of("admin", "member", "billing", "viewer", "other", "platform", "anonymous");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** One line of the matrix: method, path template, body, and one expected answer per persona. */
  record Row(String method, String path, String body, List<String> expected) {
    String key() {
      return normalised(method + " " + path.replaceAll("\\?.*$", ""));
    }
  }

  @Test
  void everyEndpointAndPageAnswersEachKindOfCallerAsTheMatrixSays() throws Exception {
    List<Row> rows = matrix();
    assertThat(rows.stream().map(Row::key).toList())
        .as("endpoints and pages without a line in access-matrix.txt")
        .containsAll(endpointsInTheCode())
        .containsAll(pagesInTheWebapp());

    Map<String, String> cookies = new LinkedHashMap<>();
    long acme;
    try (Connection db = TestStack.database()) {
      acme = single(db, "SELECT id FROM tenant WHERE name = 'Acme Analytics SAS'");
    }
    try {
      cookies.put("admin", sessionOf("theo", false));
      cookies.put("member", sessionOf("mia", false));
      cookies.put("billing", sessionOf("noah", false));
      cookies.put("viewer", sessionOf("mallory", true));
      cookies.put("other", sessionOf("lena", false));
      cookies.put("platform", sessionOf("olivia", false));
      cookies.put("anonymous", null);
      Map<String, String> ids = new LinkedHashMap<>();
      try (Connection db = TestStack.database()) {
        execute(
            db,
            "UPDATE tenant_membership SET role = 'BILLING' WHERE tenant_id = "
                + acme
                + " AND user_subject = (SELECT subject FROM portal_user WHERE username = 'noah')");
        execute(
            db,
            "INSERT INTO tenant_membership (tenant_id, user_subject, role, granted_by,"
                + " created_at, version) SELECT "
                + acme
                + ", subject, 'VIEWER', 'INVITATION',"
                + " UTC_TIMESTAMP(6), 0 FROM portal_user WHERE username = 'mallory'");
        ids.put("{tenant}", String.valueOf(acme));
        ids.put(
            "{project}",
            String.valueOf(single(db, "SELECT MIN(id) FROM project WHERE tenant_id = " + acme)));
        ids.put(
            "{member}",
            String.valueOf(
                single(
                    db,
                    "SELECT m.id FROM tenant_membership m"
                        + " JOIN portal_user u ON u.subject = m.user_subject WHERE u.username = 'mia'"
                        + " AND m.tenant_id = "
                        + acme)));
      }
      List<String> observed = new ArrayList<>();
      List<String> differences = new ArrayList<>();
      // The callers of one line ask at the same time (the matrix changes nothing, so they cannot
      // disturb each other); the lines follow each other.
      ExecutorService callers = Executors.newFixedThreadPool(PERSONAS.size());
      for (Row row : rows) {
        List<Future<String>> asked = new ArrayList<>();
        for (int i = 0; i < PERSONAS.size(); i++) {
          String cookie = cookies.get(PERSONAS.get(i));
          asked.add(
              row.expected().get(i).equals("-")
                  ? CompletableFuture.completedFuture("-")
                  : callers.submit(() -> answer(row, ids, cookie)));
        }
        List<String> answers = new ArrayList<>();
        for (Future<String> answer : asked) {
          answers.add(answer.get());
        }
        observed.add(
            String.format("%-6s %-58s %s", row.method(), row.path(), String.join(" ", answers)));
        if (!answers.equals(row.expected())) {
          differences.add(row.key() + " expected " + row.expected() + " but was " + answers);
        }
      }
      callers.shutdown();
      assertThat(differences).as("the observed matrix:\n" + String.join("\n", observed)).isEmpty();
    } finally {
      try (Connection db = TestStack.database()) {
        execute(
            db,
            "UPDATE tenant_membership SET role = 'MEMBER' WHERE tenant_id = "
                + acme
                + " AND user_subject = (SELECT subject FROM portal_user WHERE username = 'noah')");
        execute(
            db,
            "DELETE FROM tenant_membership WHERE user_subject ="
                + " (SELECT subject FROM portal_user WHERE username = 'mallory')");
        execute(
            db,
            "DELETE FROM tenant_departure WHERE user_subject ="
                + " (SELECT subject FROM portal_user WHERE username = 'mallory')");
      }
    }
  }

  /** Signs {@code username} in, in a browser of their own, and returns the session cookie. */
  private String sessionOf(String username, boolean throughPartner) throws IOException {
    newBrowser();
    if (throughPartner) {
      signInThroughPartner(portal.toString(), username);
    } else {
      signIn(portal.toString(), username);
    }
    return "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue();
  }

  /** What the portal answered, in the matrix's words: a status, or "login" for the sign-in. */
  private String answer(Row row, Map<String, String> ids, String cookie) throws Exception {
    String path = row.path();
    for (Map.Entry<String, String> id : ids.entrySet()) {
      path = path.replace(id.getKey(), id.getValue());
    }
    // Ids that do not exist: a write is refused or not found, never carried out.
    path =
        path.replace("{action}", "stop")
            .replace("{decision}", "reject")
            .replaceAll("\\{\\w+}", "999999");
    boolean page = path.contains(".xhtml");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(portal + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", accept(page, path))
            .header("Accept-Language", "en");
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    String body =
        row.body().equals("-") ? null : row.body().replace("{tenant}", ids.get("{tenant}"));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        row.method(),
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    int status = response.statusCode();
    if (status == 302 || status == 303) {
      String location = response.headers().firstValue("Location").orElse("");
      if (location.contains("/realms/")) {
        return "login";
      }
      return "to:" + location.replaceAll("^.*/federa/", "").replaceAll("[?;].*$", "");
    }
    return String.valueOf(status);
  }

  private static String accept(boolean page, String path) {
    if (page) {
      return "text/html";
    }
    if (path.endsWith("/pdf")) {
      return "application/pdf";
    }
    if (path.endsWith("/bundle")) {
      return "application/zip";
    }
    if (path.endsWith("/signature")) {
      return "text/plain";
    }
    return path.endsWith("/csv") ? "text/csv" : "application/json";
  }

  /** The matrix as the file states it. */
  static List<Row> matrix() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = AccessMatrixBrowserIT.class.getResourceAsStream("access-matrix.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] cells = trimmed.split("\\s+");
        // method path body answers... (the body has no spaces; "-" for none)
        rows.add(new Row(cells[0], cells[1], cells[2], List.of(cells).subList(3, cells.length)));
        if (cells.length != 3 + PERSONAS.size()) {
          throw new IllegalStateException("A line needs " + PERSONAS.size() + " answers: " + line);
        }
      }
    }
    return rows;
  }

  /** Every JAX-RS resource method of the portal, as "METHOD api/path/{param}". */
  static TreeSet<String> endpointsInTheCode() throws Exception {
    TreeSet<String> endpoints = new TreeSet<>();
    Path classes = Path.of("target/classes");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes.resolve("eu/federa"))) {
      files = walk.filter(p -> p.toString().endsWith("Resource.class")).toList();
    }
    for (Path file : files) {
      String name =
          classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
      Class<?> type = Class.forName(name, false, AccessMatrixBrowserIT.class.getClassLoader());
      jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
      if (base == null) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        String verb = verb(method);
        if (verb == null) {
          continue;
        }
        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
        String path = "api" + base.value() + (sub == null ? "" : "/" + sub.value());
        endpoints.add(normalised(verb + " " + path.replaceAll("//+", "/")));
      }
    }
    return endpoints;
  }

  /** A path with its parameters unnamed: the matrix may pick which id a parameter gets. */
  static String normalised(String key) {
    return key.replaceAll("\\{[^}]*}", "{}");
  }

  private static String verb(Method method) {
    for (Class<? extends java.lang.annotation.Annotation> verb :
        List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class)) {
      if (method.isAnnotationPresent(verb)) {
        return verb.getSimpleName();
      }
    }
    return null;
  }

  /** Every page of the portal, as "GET page.xhtml". */
  static TreeSet<String> pagesInTheWebapp() throws IOException {
    Path webapp = Path.of("src/main/webapp");
    TreeSet<String> pages = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(webapp)) {
      walk.filter(p -> p.toString().endsWith(".xhtml"))
          .map(p -> webapp.relativize(p).toString())
          .filter(p -> !p.startsWith("WEB-INF/") && !p.startsWith("resources/"))
          .forEach(p -> pages.add("GET " + p));
    }
    return pages;
  }

  private static long single(Connection db, String sql) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void execute(Connection db, String sql) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.executeUpdate();
    }
  }
}
