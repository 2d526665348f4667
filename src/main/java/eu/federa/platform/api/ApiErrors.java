package eu.federa.platform.api;

import eu.federa.platform.Incidents;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.persistence.TransactionConflicts;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception of an API call into a status and an {@link ApiError}: bad input 400,
 * refused 403, not found (or another tenant's) 404, conflicting state 409, anything else 500 with
 * an incident id and no internals. Messages in the caller's language (Accept-Language).
 */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

  @Context HttpHeaders headers;

  @Override
  public Response toResponse(Throwable error) {
    ApiError body = errorFor(error, bundle());
    Response.ResponseBuilder answer =
        Response.status(body.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    if (body.status() == 503) {
      answer.header("Retry-After", "5");
    }
    return answer.build();
  }

  /** The answer to {@code error}, its messages from {@code bundle}. */
  static ApiError errorFor(Throwable error, ResourceBundle bundle) {
    Throwable e = unwrap(error);
    if (e instanceof InvalidInputException invalid) {
      List<ApiError.Field> fields =
          invalid.errors().stream()
              .map(f -> new ApiError.Field(f.field(), text(bundle, f)))
              .toList();
      return new ApiError(400, text(bundle, "api.error.invalid"), fields, null);
    }
    if (e instanceof ConflictException conflict) {
      return new ApiError(
          409,
          text(bundle, FieldError.of(null, conflict.messageKey(), conflict.arguments())),
          List.of(),
          null);
    }
    if (e instanceof NotFoundException) {
      return new ApiError(404, text(bundle, "api.error.notFound"), List.of(), null);
    }
    if (e instanceof AccessDeniedException denied) {
      return new ApiError(
          403,
          denied.explanation() == null
              ? text(bundle, "api.error.denied")
              : denied.explanation().in(bundle),
          List.of(),
          null);
    }
    if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
      // Malformed JSON, unknown path, wrong method or media type: the client's mistake.
      int status = web.getResponse().getStatus();
      return new ApiError(status, text(bundle, "api.error.request"), List.of(), null);
    }
    if (TransactionConflicts.lostToAnother(error)) {
      // Lost to a change of the same rows at the same moment (on Galera: to another node's):
      // nothing was written, the caller may simply send it again.
      LOG.info(() -> "API call lost to a concurrent change: " + e);
      return new ApiError(409, text(bundle, "api.error.retry"), List.of(), null);
    }
    if (TransactionConflicts.connectionLost(error)) {
      // The database went away under the call (on Galera: the writes moved to another node).
      LOG.log(Level.WARNING, "API call lost its database connection", error);
      return new ApiError(503, text(bundle, "api.error.databaseLost"), List.of(), null);
    }
    String incident = Incidents.current();
    LOG.log(Level.SEVERE, "Incident " + incident + " in an API call", error);
    return new ApiError(500, text(bundle, "api.error.internal"), List.of(), incident);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null
        && !(t instanceof InvalidInputException
            || t instanceof ConflictException
            || t instanceof NotFoundException
            || t instanceof AccessDeniedException
            || t instanceof WebApplicationException)) {
      t = t.getCause();
    }
    return t;
  }

  private ResourceBundle bundle() {
    Locale locale =
        headers == null
            ? SupportedLanguages.FALLBACK
            : SupportedLanguages.bestFor(headers.getAcceptableLanguages());
    return ResourceBundle.getBundle("eu.federa.platform.i18n.messages", locale);
  }

  private static String text(ResourceBundle bundle, FieldError error) {
    return error.text(bundle, bundle.getLocale());
  }

  private static String text(ResourceBundle bundle, String key) {
    return text(bundle, new FieldError(null, key, List.of()));
  }
}
