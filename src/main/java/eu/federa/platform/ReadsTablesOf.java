package eu.federa.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets one class read (never write) the tables of other capabilities, where asking them would cost
 * too much: a bulk run that joins their rows with millions of its own. Rare on purpose; the reason
 * is part of the code, and the architecture test allows nothing else.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ReadsTablesOf {

  /** The capabilities whose tables the class reads. */
  String[] value();

  /** Why asking those capabilities is not good enough here. */
  String reason();
}
