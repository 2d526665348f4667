package eu.federa.platform.web;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.ReaderFormats;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Shows every {@link Instant} on a page the same way: to the second, as the reader's language
 * writes dates, in the time zone of their profile, said so ({@link Formats#dateTime}).
 */
@FacesConverter(forClass = Instant.class)
public class InstantConverter implements Converter<Instant> {

  private final Supplier<Formats> reader;

  public InstantConverter() {
    this(InstantConverter::currentReader);
  }

  /** With the reader given, rather than the current request's. */
  InstantConverter(Supplier<Formats> reader) {
    this.reader = reader;
  }

  /** The portal's one way of showing an instant to the current reader. */
  public static String format(Instant value) {
    return value == null ? "" : currentReader().dateTime(value);
  }

  /**
   * The current reader's formats, looked up once a request: a table's column of instants asked the
   * bean container for them once a row.
   */
  static Formats currentReader() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces == null) {
      return CDI.current().select(ReaderFormats.class).get().formats();
    }
    // Not computeIfAbsent: working the formats out reads the reader's language, which is itself
    // kept in the same map of the request.
    Object known = faces.getAttributes().get(InstantConverter.class);
    if (known instanceof Formats formats) {
      return formats;
    }
    Formats formats = CDI.current().select(ReaderFormats.class).get().formats();
    faces.getAttributes().put(InstantConverter.class, formats);
    return formats;
  }

  @Override
  public Instant getAsObject(FacesContext context, UIComponent component, String value) {
    throw new ConverterException("Instants are displayed, never entered as text");
  }

  @Override
  public String getAsString(FacesContext context, UIComponent component, Instant value) {
    return value == null ? "" : reader.get().dateTime(value);
  }
}
