package eu.federa.ai;

import java.io.Serializable;

/**
 * An error of the gateway in OpenAI's shape, {@code {"error": {"message", "type", "param",
 * "code"}}}, with its HTTP status: what OpenAI's client libraries read and raise.
 */
public record OpenAiError(int status, String type, String code, String message)
    implements Serializable {

  public static OpenAiError unauthenticated(String code, String message) {
    return new OpenAiError(401, "invalid_request_error", code, message);
  }

  public static OpenAiError forbidden(String code, String message) {
    return new OpenAiError(403, "permission_error", code, message);
  }

  public static OpenAiError notFound(String code, String message) {
    return new OpenAiError(404, "invalid_request_error", code, message);
  }

  public static OpenAiError badRequest(String code, String message) {
    return new OpenAiError(400, "invalid_request_error", code, message);
  }

  public static OpenAiError tooMany(String code, String message) {
    return new OpenAiError(429, "rate_limit_error", code, message);
  }

  public static OpenAiError badGateway(String message) {
    return new OpenAiError(502, "server_error", "upstream_error", message);
  }

  public static OpenAiError unavailable(String code, String message) {
    return new OpenAiError(503, "server_error", code, message);
  }

  public static OpenAiError timeout(String message) {
    return new OpenAiError(504, "server_error", "upstream_timeout", message);
  }

  /** The body, JSON-escaped by the JSON library (a message may quote what the client sent). */
  public String json() {
    return GatewayJson.PROVIDER
        .createObjectBuilder()
        .add(
            "error",
            GatewayJson.PROVIDER
                .createObjectBuilder()
                .add("message", message)
                .add("type", type)
                .addNull("param")
                .add("code", code))
        .build()
        .toString();
  }
}
