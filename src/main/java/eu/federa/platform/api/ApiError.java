package eu.federa.platform.api;

import java.util.List;

/**
 * The body of every error answer.
 *
 * @param status the HTTP status, repeated for clients that only keep the body
 * @param message what went wrong, for people
 * @param fields the rejected fields of a 400, empty otherwise
 * @param incident for a 500: the id to give support; {@code null} otherwise
 */
public record ApiError(int status, String message, List<Field> fields, String incident) {

  /** One rejected field. */
  public record Field(String field, String message) {}
}
