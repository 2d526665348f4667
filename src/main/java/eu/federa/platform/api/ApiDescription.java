package eu.federa.platform.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the OpenAPI document WildFly generates from the JAX-RS resources (served at {@code
 * /openapi}): what the API is, how a caller signs in, and the error answers every operation can
 * give, all with the {@link ApiError} body ({@link ApiErrors} makes them): 401 without a valid
 * sign-in, 403 when the caller's role does not allow it, 404 for an id the caller may not see (its
 * own tenant's or nothing: another tenant's objects are not found), 400 for a body or query value
 * that is not what the operation takes, 409 when a change conflicts with the state of things (a
 * quota, a VM's state, a concurrent change), 500 with an incident id.
 */
public class ApiDescription implements OASFilter {

  static final String ERROR_SCHEMA = "ApiError";

  /** The error answers, by status: what each means. */
  static final Map<String, String> ERRORS =
      Map.of(
          "400", "The body or a query value is not what this operation takes: each field's reason.",
          "401", "Not signed in, or a token not issued for the portal.",
          "403", "The caller's role does not allow this.",
          "404", "No such object for the caller (another organisation's objects are not found).",
          "409",
              "The change conflicts with the state of things (quota, state, a concurrent change).",
          "500", "An unexpected failure: the incident id leads support to the server's log.",
          "503",
              "The database went away under the call (a database node failed over): it may not"
                  + " have been saved; check, and send it again after Retry-After seconds.");

  @Override
  public void filterOpenAPI(OpenAPI api) {
    api.info(
        OASFactory.createInfo()
            .title("Federa API")
            .version("v1")
            .description(
                "The tenant portal of a federated European cloud: organisations, orders, VMs,"
                    + " volumes, firewall, AI services, usage, invoices, exports and exits. Every"
                    + " path under v1/tenants/{tenant} is scoped to an organisation of the"
                    + " caller. Scripts call every path of /federa/api/v1/... at"
                    + " /federa/script-api/v1/... with a service account's token instead (see"
                    + " the scheme serviceAccount)."));
    if (api.getComponents() == null) {
      api.components(OASFactory.createComponents());
    }
    api.getComponents()
        .addSchema(ERROR_SCHEMA, errorSchema())
        .addSecurityScheme(
            "keycloak",
            OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description(
                    "An access token of the realm federa issued for the portal's client"
                        + " (audience federa-portal)."))
        .addSecurityScheme(
            "session",
            OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE)
                .name("JSESSIONID")
                .description("The browser session of a signed-in user (same-origin calls only)."))
        .addSecurityScheme(
            "serviceAccount",
            OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("fsa-")
                .description(
                    "The token of a service account a tenant admin made (POST"
                        + " v1/tenants/{tenant}/service-accounts), sent to the same paths under"
                        + " /federa/script-api instead of /federa/api. The account acts with its"
                        + " role and projects; 401 once it is revoked or expired."));
    api.security(
        List.of(
            OASFactory.createSecurityRequirement().addScheme("keycloak"),
            OASFactory.createSecurityRequirement().addScheme("session"),
            OASFactory.createSecurityRequirement().addScheme("serviceAccount")));
    if (api.getPaths() == null) {
      return;
    }
    for (PathItem path : api.getPaths().getPathItems().values()) {
      path.getOperations().forEach(ApiDescription::addErrors);
    }
  }

  /** The error answers {@code operation} can give (an answer it declares itself is kept). */
  static void addErrors(HttpMethod method, Operation operation) {
    List<Parameter> parameters =
        operation.getParameters() == null ? List.of() : operation.getParameters();
    boolean namesObjects = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
    boolean takesInput =
        operation.getRequestBody() != null
            || parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
    boolean changes = method != HttpMethod.GET && method != HttpMethod.HEAD;
    error(operation, "401");
    error(operation, "403");
    if (namesObjects) {
      error(operation, "404");
    }
    if (takesInput) {
      error(operation, "400");
    }
    if (changes) {
      error(operation, "409");
    }
    error(operation, "500");
    error(operation, "503");
  }

  private static void error(Operation operation, String status) {
    if (operation.getResponses() == null) {
      operation.responses(OASFactory.createAPIResponses());
    }
    if (operation.getResponses().hasAPIResponse(status)) {
      return;
    }
    APIResponse answer =
        OASFactory.createAPIResponse()
            .description(ERRORS.get(status))
            .content(
                OASFactory.createContent()
                    .addMediaType(
                        "application/json",
                        OASFactory.createMediaType()
                            .schema(
                                OASFactory.createSchema()
                                    .ref("#/components/schemas/" + ERROR_SCHEMA))));
    operation.getResponses().addAPIResponse(status, answer);
  }

  private static Schema errorSchema() {
    Schema text = OASFactory.createSchema().addType(SchemaType.STRING);
    return OASFactory.createSchema()
        .addType(SchemaType.OBJECT)
        .description("The body of every error answer.")
        .addProperty(
            "status",
            OASFactory.createSchema()
                .addType(SchemaType.INTEGER)
                .description("the HTTP status, repeated"))
        .addProperty(
            "message",
            OASFactory.createSchema().addType(SchemaType.STRING).description("for people"))
        .addProperty(
            "fields",
            OASFactory.createSchema()
                .addType(SchemaType.ARRAY)
                .description("the rejected fields of a 400, each with its reason")
                .items(
                    OASFactory.createSchema()
                        .addType(SchemaType.OBJECT)
                        .addProperty("field", text)
                        .addProperty("message", text)))
        .addProperty(
            "incident",
            OASFactory.createSchema()
                .addType(SchemaType.STRING)
                .addType(SchemaType.NULL)
                .description("for a 500: the id to give support"));
  }
}
