package eu.federa.mail;

import java.util.Objects;

/**
 * A message to one person.
 *
 * @param tenantId the tenant it concerns, so that its admins can see it; {@code null} for none
 * @param language the language it is written in ({@code de}), for pages that show it; {@code null}
 *     when unknown
 */
public record OutgoingMail(
    Long tenantId, String recipient, String subject, String body, String language) {

  public OutgoingMail {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }

  /** A message whose language is not known. */
  public OutgoingMail(Long tenantId, String recipient, String subject, String body) {
    this(tenantId, recipient, subject, body, null);
  }
}
