package eu.federa.platform.persistence;

/**
 * LIKE patterns from text a user or a record gave: its {@code %} and {@code _} mean themselves. The
 * query names the escape character, {@code ... LIKE ?1 ESCAPE '!'} ({@link #ESCAPE}).
 */
public final class LikePattern {

  /** What a query says after its pattern. */
  public static final String ESCAPE = " ESCAPE '!'";

  private LikePattern() {}

  /** {@code text} anywhere in the value. */
  public static String containing(String text) {
    return "%" + literal(text) + "%";
  }

  /** {@code text} itself, its wildcards escaped with {@code !}. */
  public static String literal(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
