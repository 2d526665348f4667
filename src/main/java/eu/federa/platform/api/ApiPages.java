package eu.federa.platform.api;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;

/** The API's paged lists: {@code first} (from 0) and {@code max} (1 to {@value #MAX} rows). */
public final class ApiPages {

  /** The most rows one call of a paged list answers. */
  public static final int MAX = 500;

  private ApiPages() {}

  /**
   * @throws InvalidInputException (400, naming {@code max}) for a negative {@code first} or a
   *     {@code max} outside 1 to {@value #MAX}
   */
  public static void check(int first, int max) {
    if (first < 0 || max < 1 || max > MAX) {
      throw new InvalidInputException(FieldError.of("max", "api.error.page", MAX));
    }
  }
}
