package eu.federa.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #13, finding 5, as a class: every field of every JSON body and every query and path
 * parameter of the REST API is sent the values careless users and attackers send (wrong types,
 * over-long strings, control and text-direction characters, unknown enum values, negative, huge and
 * overflowing numbers, duplicates, too many items, nulls in lists, another tenant's ids), and whole
 * bodies that are not the expected JSON. Every answer must be a 4xx (400 with the rejected field
 * named where a field is at fault, 404 for ids the caller may not see), never a 5xx, and nothing
 * may be written. A new endpoint must be added to {@link #endpoints} (the access matrix,
 * AccessMatrixIT, fails on an endpoint it does not know).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiFuzzBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /** What a field holds, which decides the bad values it is sent. */
  enum Kind {
    /** One line of text. */
    LINE,
    /** Text that may span lines. */
    PARAGRAPH,
    /** One of a few words. */
    WORD,
    /** An id of the caller's tenant. */
    ID,
    LIST_OF_IDS,
    /** Providers are the federation's, not a tenant's: any existing id is fine. */
    PROVIDER_IDS,
    LATITUDE,
    LONGITUDE,
    COUNTRIES,
    LIST_OF_WORDS,
    INT,
    LONG,
    DECIMAL,
    BOOLEAN
  }

  record Endpoint(
      String method, String path, Map<String, Object> valid, Map<String, Kind> fields) {}

  private long otherTenantProject;
  private long otherTenantMember;

  private static final String LONG_TEXT = "x".repeat(10_001);

  /** Replaced by a fresh value in each request: an idempotency key must not hide a result. */
  private static final String NEW_KEY = "NEWKEY";

  /** The bad values of a kind, as JSON. */
  private List<String> badValues(Kind kind) {
    List<String> values = new ArrayList<>();
    switch (kind) {
      case LINE, PARAGRAPH, WORD -> {
        values.addAll(List.of("123", "true", "{}", "[]", "\"" + LONG_TEXT + "\""));
        values.addAll(List.of("\"abc\\u0000def\"", "\"abc\\u0007def\"", "\"abc\\u202Edef\""));
        values.add("\"abc\\u2066def\"");
        if (kind != Kind.PARAGRAPH) {
          values.add("\"two\\nlines\"");
        }
        if (kind == Kind.WORD) {
          values.add("\"KING\"");
        }
      }
      case ID, LONG -> {
        values.addAll(List.of("\"abc\"", "true", "{}", "[]", "1.5", "-1"));
        values.addAll(List.of("99999999999999999999", "1e400", "-9223372036854775808"));
        if (kind == Kind.ID) {
          values.add(String.valueOf(otherTenantProject));
          values.add("0");
        } else {
          values.add("9223372036854775807");
        }
      }
      case INT ->
          values.addAll(List.of("\"abc\"", "true", "{}", "1.5", "-1", "2147483648", "1e10"));
      case DECIMAL -> values.addAll(List.of("\"abc\"", "true", "{}", "[]", "-1", "1e308", "1e400"));
      case BOOLEAN -> values.addAll(List.of("\"yes\"", "2", "{}", "[]"));
      case LATITUDE ->
          values.addAll(List.of("\"abc\"", "true", "{}", "90.5", "-91", "1e308", "1e400"));
      case LONGITUDE -> values.addAll(List.of("\"abc\"", "[]", "180.5", "-181", "-1e400"));
      case PROVIDER_IDS -> {
        values.addAll(List.of("\"abc\"", "{}", "5", "[\"x\"]", "[null]", "[-1]", "[0]", "[1.5]"));
        values.addAll(List.of("[1,1]", "[99999999999999999999]"));
        values.add(
            IntStream.range(1, 300)
                .mapToObj(String::valueOf)
                .collect(Collectors.joining(",", "[", "]")));
      }
      case LIST_OF_IDS -> {
        values.addAll(List.of("\"abc\"", "{}", "5", "[\"x\"]", "[null]", "[-1]", "[1.5]"));
        values.add("[" + otherTenantMember + "," + otherTenantProject + "]");
        values.add("[99999999999999999999]");
        values.add(
            IntStream.range(0, 300).mapToObj(i -> "1").collect(Collectors.joining(",", "[", "]")));
      }
      case COUNTRIES, LIST_OF_WORDS -> {
        values.addAll(List.of("\"FR\"", "{}", "5", "[5]", "[null]", "[\"\\u0000\"]"));
        values.addAll(List.of("[\"" + LONG_TEXT + "\"]", "[\"a\\u202Eb\"]"));
        values.add(
            IntStream.range(0, 70)
                .mapToObj(i -> kind == Kind.COUNTRIES ? "\"FR\"" : "\"ISO27001\"")
                .collect(Collectors.joining(",", "[", "]")));
        values.add(
            IntStream.range(0, 300)
                .mapToObj(i -> "\"c" + i + "\"")
                .collect(Collectors.joining(",", "[", "]")));
      }
    }
    return values;
  }

  private static String json(Map<String, Object> body, String field, String value) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, Object> e : body.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"').append(e.getKey()).append("\":");
      out.append(e.getKey().equals(field) ? value : literal(e.getValue()));
    }
    return out.append('}').toString();
  }

  private static String literal(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (value instanceof List<?> list) {
      return list.stream()
          .map(ApiFuzzBrowserIT::literal)
          .collect(Collectors.joining(",", "[", "]"));
    }
    return value.toString();
  }

  private static Map<String, Object> body(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static Map<String, Kind> fields(Object... pairs) {
    Map<String, Kind> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return map;
  }

  /** Every endpoint that takes a body, with a body it would accept. */
  static List<Endpoint> endpoints(long tenant, long member, long project) {
    String t = "api/v1/tenants/" + tenant;
    return List.of(
        new Endpoint(
            "PUT",
            t + "/members/" + member + "/role",
            body("role", "MEMBER"),
            fields("role", Kind.WORD)),
        new Endpoint(
            "POST",
            t + "/projects",
            body("name", "Fuzzed project", "description", "A project"),
            fields("name", Kind.LINE, "description", Kind.PARAGRAPH)),
        new Endpoint(
            "PUT",
            t + "/projects/" + project + "/members",
            body("memberIds", List.of(member)),
            fields("memberIds", Kind.LIST_OF_IDS)),
        new Endpoint(
            "POST",
            t + "/invitations",
            body("email", "fuzz@acme-analytics.example", "role", "VIEWER", "projectIds", List.of()),
            fields("email", Kind.LINE, "role", Kind.WORD, "projectIds", Kind.LIST_OF_IDS)),
        new Endpoint(
            "POST",
            "api/v1/invitations/accept",
            body("token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            fields("token", Kind.LINE)),
        new Endpoint(
            "PUT", t + "/budget/action", body("action", "ALERT"), fields("action", Kind.WORD)),
        new Endpoint(
            "POST",
            t + "/orders",
            body(
                "name",
                "fuzz-vm",
                "imageCode",
                "ubuntu-24.04",
                "sizeCode",
                "s-2",
                "countries",
                List.of("FR"),
                "projectId",
                project,
                "idempotencyKey",
                "fuzz-key-" + NEW_KEY,
                "allowOtherProvider",
                false),
            fields(
                "name", Kind.LINE,
                "imageCode", Kind.WORD,
                "sizeCode", Kind.WORD,
                "countries", Kind.COUNTRIES,
                "projectId", Kind.ID,
                "idempotencyKey", Kind.LINE,
                "allowOtherProvider", Kind.BOOLEAN)),
        new Endpoint(
            "POST",
            "api/placement/preview",
            body(
                "tenantId",
                tenant,
                "vcpu",
                2,
                "memoryMib",
                4096,
                "diskGib",
                20,
                "gpus",
                0,
                "gpuClass",
                null,
                "gpuModel",
                null,
                "instances",
                1,
                "countries",
                List.of("FR"),
                "certifications",
                List.of(),
                "edge",
                false,
                "siteName",
                "Paris office",
                "siteLatitude",
                48.85,
                "siteLongitude",
                2.35,
                "latencyBudgetMs",
                50,
                "includeProviders",
                List.of(),
                "excludeProviders",
                List.of(),
                "antiAffinity",
                "NONE",
                "strategy",
                "CHEAPEST"),
            fields(
                "tenantId", Kind.ID,
                "vcpu", Kind.DECIMAL,
                "memoryMib", Kind.LONG,
                "diskGib", Kind.LONG,
                "gpus", Kind.INT,
                "gpuClass", Kind.WORD,
                "gpuModel", Kind.LINE,
                "instances", Kind.INT,
                "countries", Kind.COUNTRIES,
                "certifications", Kind.LIST_OF_WORDS,
                "edge", Kind.BOOLEAN,
                "siteName", Kind.LINE,
                "siteLatitude", Kind.LATITUDE,
                "siteLongitude", Kind.LONGITUDE,
                "latencyBudgetMs", Kind.INT,
                "includeProviders", Kind.PROVIDER_IDS,
                "excludeProviders", Kind.PROVIDER_IDS,
                "antiAffinity", Kind.WORD,
                "strategy", Kind.WORD)));
  }

  @Test
  void everyBadValueOfEveryFieldIsA4xxAndNothingIsWritten() throws Exception {
    signIn(portal.toString(), "theo");
    SessionApi api = new SessionApi(portal.toString(), browser);
    long acme;
    long mia;
    long project;
    try (Connection db = TestStack.database()) {
      acme = single(db, "SELECT id FROM tenant WHERE name = 'Acme Analytics SAS'");
      long borealis = single(db, "SELECT id FROM tenant WHERE name = 'Borealis Systems Oy'");
      project = single(db, "SELECT MIN(id) FROM project WHERE tenant_id = " + acme);
      otherTenantProject = single(db, "SELECT MIN(id) FROM project WHERE tenant_id = " + borealis);
      otherTenantMember =
          single(
              db,
              "SELECT COALESCE(MIN(id), 1) FROM tenant_membership WHERE tenant_id = " + borealis);
      mia =
          single(
              db,
              "SELECT MIN(id) FROM tenant_membership WHERE tenant_id = "
                  + acme
                  + " AND role <> 'TENANT_ADMIN'");
    }
    Map<String, Long> before = counts(acme);

    List<String> failures = new ArrayList<>();
    fuzz(api, endpoints(acme, mia, project), failures);
    // Query and path parameters.
    for (String path :
        List.of(
            "api/v1/tenants/" + acme + "/audit?first=-1",
            "api/v1/tenants/" + acme + "/audit?max=100000",
            "api/v1/tenants/" + acme + "/audit?max=0",
            "api/v1/tenants/" + acme + "/audit?first=abc",
            "api/v1/tenants/" + acme + "/audit/export?format=xml",
            "api/v1/tenants/" + acme + "/audit/export?from=2026-02-30",
            "api/v1/tenants/" + acme + "/audit/export?from=2026-12-01&to=2026-11-01",
            "api/v1/tenants/" + acme + "/audit/export?to=" + "9".repeat(5_000),
            "api/v1/tenants/" + acme + "/audit/export?actor=" + "x".repeat(300),
            "api/v1/tenants/" + acme + "/audit/export?action=%00",
            "api/v1/tenants/" + otherTenantProject + "/audit/export",
            "api/v1/tenants/" + acme + "/orders?first=-5",
            "api/v1/tenants/" + acme + "/orders?max=99999999999",
            "api/v1/tenants/" + acme + "/orders?project=abc",
            "api/v1/tenants/" + acme + "/approvals?first=-1",
            "api/v1/tenants/" + acme + "/approvals?max=0",
            "api/v1/tenants/" + acme + "/approvals?max=501",
            "api/v1/tenants/" + acme + "/projects?max=0",
            "api/v1/tenants/" + acme + "/invitations?first=-1",
            "api/v1/tenants/" + acme + "/service-accounts?max=501",
            "api/v1/tenants/" + acme + "/ai-services?max=abc",
            "api/v1/tenants/" + acme + "/ai-keys?first=-3",
            "api/v1/tenants/" + acme + "/invoices?max=100000",
            "api/v1/tenants/" + acme + "/moves?max=0",
            "api/v1/tenants/" + acme + "/orders?project=" + otherTenantProject,
            "api/v1/tenants/abc/members",
            "api/v1/tenants/-1/members",
            "api/v1/tenants/99999999999999999999/projects",
            "api/v1/tenants/" + acme + "/projects/" + otherTenantProject,
            "api/v1/tenants/" + acme + "/orders/-1",
            "api/v1/tenants/" + acme + "/invoices/abc",
            "api/v1/tenants/" + acme + "/ai-services/99999999999999999999",
            "api/v1/billing/invoices?month=2026-13")) {
      Answer answer = api.get(path);
      if (answer.status() < 400 && !path.contains("project=" + otherTenantProject)) {
        failures.add("GET " + path + " answered " + answer.status());
      } else if (answer.status() >= 500) {
        failures.add("GET " + path + " answered " + answer.status() + " " + answer.body());
      }
    }

    // A platform admin's billing run.
    newBrowser();
    signIn(portal.toString(), "olivia");
    fuzz(
        new SessionApi(portal.toString(), browser),
        List.of(
            new Endpoint(
                "POST",
                "api/v1/billing/runs",
                body("month", "2026-10"),
                fields("month", Kind.LINE))),
        failures);
    assertThat(failures).isEmpty();
    assertThat(counts(acme)).isEqualTo(before);
  }

  private void fuzz(SessionApi api, List<Endpoint> endpoints, List<String> failures) {
    for (Endpoint endpoint : endpoints) {
      for (String whole : List.of("{", "[]", "null", "\"x\"", "{\"unknown\":1}", "")) {
        check(api, endpoint, whole, "whole body " + whole, failures, false);
      }
      for (Map.Entry<String, Kind> field : endpoint.fields().entrySet()) {
        for (String value : badValues(field.getValue())) {
          check(
              api,
              endpoint,
              json(endpoint.valid(), field.getKey(), value),
              field.getKey() + "=" + abbreviate(value),
              failures,
              true);
        }
      }
    }
  }

  private void check(
      SessionApi api,
      Endpoint endpoint,
      String json,
      String what,
      List<String> failures,
      boolean fieldAtFault) {
    String body = json.replace(NEW_KEY, UUID.randomUUID().toString().substring(0, 12));
    Answer answer =
        endpoint.method().equals("PUT")
            ? api.put(endpoint.path(), body)
            : api.post(endpoint.path(), body);
    String where = endpoint.method() + " " + endpoint.path() + " with " + what;
    if (answer.status() >= 500 || answer.status() < 400) {
      failures.add(where + " answered " + answer.status() + " " + abbreviate(answer.body()));
    } else if (fieldAtFault && answer.status() == 400 && !answer.body().contains("\"field\":\"")) {
      failures.add(where + " answered 400 without naming the field: " + abbreviate(answer.body()));
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }

  private static long single(Connection db, String sql) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** What a bad request could have half-written for Acme. */
  private static Map<String, Long> counts(long tenant) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection db = TestStack.database()) {
      for (String table :
          List.of("project", "invitation", "vm_order", "tenant_membership", "quota_reservation")) {
        counts.put(
            table, single(db, "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = " + tenant));
      }
      counts.put(
          "roles",
          single(
              db,
              "SELECT COUNT(*) FROM tenant_membership WHERE role = 'MEMBER' AND tenant_id = "
                  + tenant));
    }
    return counts;
  }
}
