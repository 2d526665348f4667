package eu.federa.platform.i18n;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A number given to a message as exact as it was written (a price per hour to the millionth, a
 * memory size in MiB), in the reader's format: {@code 16.384} in German, {@code 0,0125} in French.
 */
public record Decimal(BigDecimal value) implements Localized, Serializable {

  @Override
  public String in(Formats formats) {
    return formats.measured(value);
  }

  @Override
  public String toString() {
    return Formats.of(Locale.ENGLISH, null).measured(value);
  }
}
