package eu.federa.platform.i18n;

/**
 * A value given to a message (an error's {@code {0}}, a mail's {@code {spentEur}}) that each reader
 * reads in their own language's format: {@link Money}, a {@link Day}, a {@link ByteSize}. Its
 * {@code toString} is the English or ISO form, for a message kept as text (an order's reason).
 */
public interface Localized {

  /** The value as {@code formats}' reader reads it. */
  String in(Formats formats);
}
