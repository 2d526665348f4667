package eu.federa.platform.i18n;

import java.io.Serializable;
import java.util.Locale;

/** A file's size for people (an export's in its mail), in the reader's number format. */
public record ByteSize(long bytes) implements Localized, Serializable {

  @Override
  public String in(Formats formats) {
    return formats.bytes(bytes);
  }

  @Override
  public String toString() {
    return Formats.of(Locale.ENGLISH, null).bytes(bytes);
  }
}
