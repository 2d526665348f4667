package eu.federa.platform.i18n;

/**
 * The {@link Formats} of whoever the current request is for (their language and time zone): pages
 * reach it as {@code #{fmt}}; the identity capability provides it.
 */
public interface ReaderFormats {

  Formats formats();
}
