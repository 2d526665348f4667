package eu.federa.platform.i18n;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * An amount of euros given to a message ({@code {0}} of an error, a value of a mail) so that each
 * reader sees it as their language writes money ({@code 1 234,56 €} in French, {@code €1,234.56} in
 * English), not as the number's plain digits; {@link #toString} is the English form, for a message
 * kept as text (an order's reason, the logs).
 */
public record Money(BigDecimal eur) implements Localized, Serializable {

  public Money {
    if (eur == null) {
      throw new IllegalArgumentException("Money needs an amount");
    }
  }

  @Override
  public String in(Formats formats) {
    return formats.money(eur);
  }

  @Override
  public String toString() {
    return Formats.of(Locale.ENGLISH, null).money(eur);
  }
}
