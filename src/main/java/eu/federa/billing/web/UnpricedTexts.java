package eu.federa.billing.web;

import eu.federa.billing.UnpricedUsage;
import eu.federa.platform.i18n.ReaderFormats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * {@code #{unpriced}}: the usage a billing run or a draft invoice could not price, as kept with it,
 * in the reader's language and time zone.
 */
@Named("unpriced")
@ApplicationScoped
public class UnpricedTexts {

  @Inject ReaderFormats reader;

  /** One line per gap; none for null. */
  public List<String> lines(String kept) {
    UnpricedUsage.Kept k = UnpricedUsage.decoded(kept);
    return k == null ? List.of() : k.lines(reader.formats());
  }

  /** The gaps in one line; empty for null. */
  public String text(String kept) {
    UnpricedUsage.Kept k = UnpricedUsage.decoded(kept);
    return k == null ? "" : k.in(reader.formats());
  }

  /** Whether it is text kept as it was written (English, before gaps were kept apart). */
  public boolean verbatim(String kept) {
    UnpricedUsage.Kept k = UnpricedUsage.decoded(kept);
    return k != null && k.verbatim() != null;
  }
}
