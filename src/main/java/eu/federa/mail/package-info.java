/**
 * Messages the portal sends people (invitations, decisions). Capabilities hand an {@link
 * eu.federa.mail.OutgoingMail} to the {@link eu.federa.mail.Mailer}; the default mailer keeps each
 * message in the outbox table, in the sender's transaction, where admins can read it (no mail
 * server runs in the demo). A real SMTP sender implements the same interface. Depends on the
 * platform only.
 */
@Capability(
    uses = {"platform"},
    tables = {"outbox_message"})
package eu.federa.mail;

import eu.federa.platform.Capability;
