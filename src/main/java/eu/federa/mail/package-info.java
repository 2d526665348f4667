/**
 * Messages the portal sends people (invitations, decisions, alerts). Capabilities hand an {@link
 * eu.federa.mail.OutgoingMail} to the {@link eu.federa.mail.Mailer}, which keeps each message in
 * the outbox table in the sender's transaction, where admins can read it. When a mail server is set
 * ({@code FEDERA_SMTP_HOST}), {@link eu.federa.mail.MailDelivery} sends the outbox there after
 * commit, on any node, at most once per message, with retries and their backoff. Depends on the
 * platform only.
 */
@Capability(
    uses = {"platform"},
    tables = {"outbox_message"})
package eu.federa.mail;

import eu.federa.platform.Capability;
