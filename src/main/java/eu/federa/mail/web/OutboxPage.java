package eu.federa.mail.web;

import eu.federa.mail.Outbox;
import eu.federa.mail.OutboxMessage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Backs the platform admins' view of every message the portal sent (the demo's mailbox). */
@Named
@RequestScoped
public class OutboxPage {

  @Inject Outbox outbox;

  private List<OutboxMessage> messages;

  @PostConstruct
  void load() {
    messages = outbox.all(200);
  }

  public List<OutboxMessage> getMessages() {
    return messages;
  }
}
