package eu.federa.platform.api;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The page a paged list of the API is asked for ({@code @BeanParam}): {@code first} (from 0) and
 * {@code max} (50 unless asked, 1 to {@value #MAX} rows).
 */
public class ApiPage {

  /** The most rows one call of a paged list answers. */
  public static final int MAX = 500;

  @QueryParam("first")
  @DefaultValue("0")
  int first;

  @QueryParam("max")
  @DefaultValue("50")
  int max = 50;

  public ApiPage() {}

  public ApiPage(int first, int max) {
    this.first = first;
    this.max = max;
  }

  /**
   * @throws InvalidInputException (400, naming {@code max}) for a negative {@code first} or a
   *     {@code max} outside 1 to {@value #MAX}
   */
  public int first() {
    check();
    return first;
  }

  /**
   * @throws InvalidInputException as {@link #first()}
   */
  public int max() {
    check();
    return max;
  }

  private void check() {
    if (first < 0 || max < 1 || max > MAX) {
      throw new InvalidInputException(FieldError.of("max", "api.error.page", MAX));
    }
  }
}
