package eu.federa.mail;

/**
 * Sends a message. Called inside the transaction of the change the message announces: an
 * implementation must not lose the message when that transaction commits, nor send it when it rolls
 * back (the outbox implementation writes a row; an SMTP one would queue and send after commit).
 */
public interface Mailer {

  void send(OutgoingMail mail);
}
