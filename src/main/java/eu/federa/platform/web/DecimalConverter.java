package eu.federa.platform.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * A decimal in a text field, as the reader writes it: shown with their language's decimal sign, no
 * grouping and no trailing zeros ("50,1109" in French and German, "50.1109" in English, for a
 * column's 50.110900), and read back from it. A point is read as the decimal sign too where the
 * language does not group digits with it (French, Polish, Finnish: a coordinate copied from a map);
 * where it does (German, Spanish, Italian, Portuguese, Dutch, Croatian, Slovenian), "1.000" is
 * refused rather than read as one. Faces' own converter read the point alone, so a French or German
 * reader could not type back what the page showed them. A field's {@code converterMessage} says
 * what went wrong; without one, the portal's Faces message for a value that is not a number.
 */
@FacesConverter("federa.Decimal")
public class DecimalConverter implements Converter<BigDecimal> {

  private static final Pattern PLAIN = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  /**
   * {@code value} as {@code locale} writes a decimal: its decimal sign, no grouping, no trailing
   * zeros.
   */
  static String format(BigDecimal value, Locale locale) {
    if (value == null) {
      return "";
    }
    char sign = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
    // A column's scale (DECIMAL(9,6): 50.110900) is not the value's: no spurious zeros.
    return value.stripTrailingZeros().toPlainString().replace('.', sign);
  }

  /**
   * The decimal {@code text} is in {@code locale}, or null when it is blank.
   *
   * @throws NumberFormatException when it is not one number with at most one decimal sign
   */
  static BigDecimal parse(String text, Locale locale) {
    String typed = text == null ? "" : text.strip().replace('\u2212', '-');
    if (typed.isEmpty()) {
      return null;
    }
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
    char sign = symbols.getDecimalSeparator();
    boolean pointGroups = symbols.getGroupingSeparator() == '.';
    if (sign != '.') {
      if (pointGroups && typed.indexOf('.') >= 0) {
        throw new NumberFormatException("a point groups digits in " + locale);
      }
      if (typed.indexOf(sign) >= 0 && typed.indexOf('.') >= 0) {
        throw new NumberFormatException("two decimal signs");
      }
      typed = typed.replace(sign, '.');
    }
    if (!PLAIN.matcher(typed).matches()) {
      throw new NumberFormatException("not a decimal: " + text);
    }
    return new BigDecimal(typed);
  }

  @Override
  public BigDecimal getAsObject(FacesContext context, UIComponent component, String value) {
    Locale locale = context.getViewRoot().getLocale();
    try {
      return parse(value, locale);
    } catch (NumberFormatException notANumber) {
      // The field's converterMessage, when it has one, replaces this (Faces does so).
      ResourceBundle faces =
          ResourceBundle.getBundle(
              context.getApplication().getMessageBundle(),
              locale,
              Thread.currentThread().getContextClassLoader());
      Object label = component.getAttributes().get("label");
      String text =
          new MessageFormat(
                  faces.getString("jakarta.faces.converter.BigDecimalConverter.DECIMAL"), locale)
              .format(
                  new Object[] {
                    value, format(new BigDecimal("48.8566"), locale), label == null ? "" : label
                  });
      throw new ConverterException(
          new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text), notANumber);
    }
  }

  @Override
  public String getAsString(FacesContext context, UIComponent component, BigDecimal value) {
    return format(value, context.getViewRoot().getLocale());
  }
}
