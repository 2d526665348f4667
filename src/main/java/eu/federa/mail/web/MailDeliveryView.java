package eu.federa.mail.web;

import eu.federa.mail.MailServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Whether the outbox is delivered to a mail server, for the pages that list messages. */
@Named
@ApplicationScoped
public class MailDeliveryView {

  public boolean isDelivering() {
    return MailServer.configured();
  }
}
