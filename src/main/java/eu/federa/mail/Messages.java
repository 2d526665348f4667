package eu.federa.mail;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.text.TextTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Writes a message from its template in the recipient's language (the one they chose in the portal;
 * English when they have none or it has no translation), its times in the time zone they chose (UTC
 * when none), and hands it to the {@link Mailer}, in the caller's transaction.
 */
@ApplicationScoped
public class Messages {

  private static final String LABELS = "eu.federa.platform.i18n.messages";

  @Inject Mailer mailer;
  @Inject Instance<RecipientReading> readings;

  /**
   * Sends {@code template} filled with {@code values} to {@code recipient}.
   *
   * @param tenantId the tenant it concerns (its admins see it), or null
   */
  public void send(Long tenantId, String recipient, MailTemplate template, Map<String, ?> values) {
    RecipientReading.Reading reading =
        readings.isUnsatisfied() ? null : readings.get().of(recipient).orElse(null);
    Locale language =
        reading == null || reading.language() == null
            ? SupportedLanguages.FALLBACK
            : SupportedLanguages.match(reading.language().toLanguageTag())
                .orElse(SupportedLanguages.FALLBACK);
    Rendered message = render(template, language, reading == null ? null : reading.zone(), values);
    mailer.send(
        new OutgoingMail(
            tenantId, recipient, message.subject(), message.body(), language.getLanguage()));
  }

  /**
   * A value written in the recipient's language: a key of the portal's messages (e.g. {@code
   * role.TENANT_ADMIN}).
   */
  public record Label(String key) {}

  /** A message as it is sent. */
  public record Rendered(String subject, String body) {}

  /** {@code template} in {@code language} (one of the supported ones) with its values, in UTC. */
  public static Rendered render(MailTemplate template, Locale language, Map<String, ?> values) {
    return render(template, language, null, values);
  }

  /**
   * {@code template} in {@code language} (one of the supported ones) with its values, its times in
   * {@code zone} (null: UTC).
   */
  public static Rendered render(
      MailTemplate template, Locale language, ZoneId zone, Map<String, ?> values) {
    ResourceBundle labels =
        ResourceBundle.getBundle(
            LABELS,
            language,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Formats formats = Formats.of(language, zone);
    Map<String, Object> filled = new HashMap<>();
    values.forEach(
        (name, value) ->
            filled.put(
                name,
                value instanceof Label l ? labels.getString(l.key()) : formats.argument(value)));
    String text = read(template, language.getLanguage());
    if (!text.startsWith("Subject: ")) {
      throw new IllegalStateException(
          template.resource(language.getLanguage()) + " has no Subject: line");
    }
    int end = text.indexOf("\n\n");
    String subject = text.substring("Subject: ".length(), end);
    String body = text.substring(end + 2).strip();
    return new Rendered(
        TextTemplate.oneLine(TextTemplate.fill(subject, filled)), TextTemplate.fill(body, filled));
  }

  /** The template's text in {@code language}. */
  static String read(MailTemplate template, String language) {
    try (InputStream in = Messages.class.getResourceAsStream(template.resource(language))) {
      if (in == null) {
        throw new IllegalStateException("Missing mail template " + template.resource(language));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
