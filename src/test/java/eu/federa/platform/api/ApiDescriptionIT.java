package eu.federa.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import eu.federa.testsupport.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's OpenAPI document as WildFly serves it at {@code /openapi}: every operation of every
 * resource class of the portal is in it, with the error answers its signature implies (each with
 * the API's error body), and the ways to sign in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiDescriptionIT {

  private static final Map<Class<? extends Annotation>, String> METHODS =
      Map.of(
          GET.class, "get",
          POST.class, "post",
          PUT.class, "put",
          DELETE.class, "delete",
          PATCH.class, "patch");

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void everyOperationIsDescribedWithItsErrorAnswers() throws Exception {
    URI openapi = URI.create(portal.toString()).resolve("/openapi?format=JSON");
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(openapi).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonObject doc = Json.createReader(new StringReader(answer.body())).readObject();
    assertThat(doc.getJsonObject("info").getString("title")).isEqualTo("Federa API");
    JsonObject components = doc.getJsonObject("components");
    assertThat(components.getJsonObject("securitySchemes").keySet())
        .contains("keycloak", "session");
    assertThat(
            components
                .getJsonObject("schemas")
                .getJsonObject("ApiError")
                .getJsonObject("properties")
                .keySet())
        .contains("status", "message", "fields", "incident");
    JsonObject paths = doc.getJsonObject("paths");

    // Paths start with the portal's context root: /federa/api/v1/...
    String application =
        portal.getPath().replaceAll("/$", "")
            + "/"
            + RestApplication.class.getAnnotation(ApplicationPath.class).value();
    List<String> missing = new ArrayList<>();
    int operations = 0;
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.federa")) {
      Class<?> resource = Class.forName(c.getName());
      Path classPath = resource.getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method m : resource.getDeclaredMethods()) {
        String verb =
            METHODS.entrySet().stream()
                .filter(e -> m.isAnnotationPresent(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (verb == null) {
          continue;
        }
        operations++;
        Path methodPath = m.getAnnotation(Path.class);
        String path =
            normalise(
                application
                    + "/"
                    + classPath.value()
                    + (methodPath == null ? "" : "/" + methodPath.value()));
        String where = verb.toUpperCase() + " " + path + " (" + resource.getSimpleName() + ")";
        JsonObject item = paths.getJsonObject(path);
        if (item == null || !item.containsKey(verb)) {
          missing.add(where + ": not described");
          continue;
        }
        JsonObject responses = item.getJsonObject(verb).getJsonObject("responses");
        List<String> expected = new ArrayList<>(List.of("401", "403", "500", "503"));
        if (path.contains("{")) {
          expected.add("404");
        }
        if (!verb.equals("get")) {
          expected.add("409");
        }
        if (takesInput(m)) {
          expected.add("400");
        }
        for (String status : expected) {
          JsonObject error = responses.getJsonObject(status);
          if (error == null) {
            missing.add(where + ": no " + status);
          } else if (!error.toString().contains("#/components/schemas/ApiError")) {
            missing.add(where + ": " + status + " without the error body");
          }
        }
      }
    }
    assertThat(operations).as("operations of the API").isGreaterThan(100);
    assertThat(missing).as("described: %s", paths.keySet()).isEmpty();
  }

  /** A body (a parameter without annotation) or query values: it can be refused with a 400. */
  private static boolean takesInput(Method m) {
    for (java.lang.reflect.Parameter p : m.getParameters()) {
      if (p.getAnnotations().length == 0
          || p.isAnnotationPresent(QueryParam.class)
          || p.isAnnotationPresent(jakarta.ws.rs.BeanParam.class)) {
        return true;
      }
    }
    return false;
  }

  /** "/federa//api/v1/{order: \d+}/" as the document writes it: "/federa/api/v1/{order}". */
  private static String normalise(String path) {
    String p = path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
