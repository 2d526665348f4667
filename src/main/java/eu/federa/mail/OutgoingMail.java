package eu.federa.mail;

import java.util.Objects;

/**
 * A message to one person.
 *
 * @param tenantId the tenant it concerns, so that its admins can see it; {@code null} for none
 */
public record OutgoingMail(Long tenantId, String recipient, String subject, String body) {

  public OutgoingMail {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }
}
