package eu.federa.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a top-level package of Federa as a capability, names the other capabilities it may use and
 * the tables it owns. Written on each capability's {@code package-info.java}; the architecture test
 * fails the build when code in the package reaches a capability it does not name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface Capability {

  /** The other capabilities (short names such as {@code "tenancy"}) this one may depend on. */
  String[] uses() default {};

  /**
   * The database tables this capability owns: only its code reads and writes them; others ask it.
   * The architecture test fails the build when SQL or JPQL elsewhere names them (but for a class
   * marked {@link ReadsTablesOf}).
   */
  String[] tables() default {};
}
