package eu.federa.platform.web;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Shows every {@link Instant} on a page the same way: to the second, in UTC, said so. */
@FacesConverter(forClass = Instant.class)
public class InstantConverter implements Converter<Instant> {

  static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** The portal's one way of showing an instant, for beans that compose text themselves. */
  public static String format(Instant value) {
    return value == null ? "" : FORMAT.format(value);
  }

  @Override
  public Instant getAsObject(FacesContext context, UIComponent component, String value) {
    throw new ConverterException("Instants are displayed, never entered as text");
  }

  @Override
  public String getAsString(FacesContext context, UIComponent component, Instant value) {
    return format(value);
  }
}
