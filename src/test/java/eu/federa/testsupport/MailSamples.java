package eu.federa.testsupport;

/** Mail as other servers write it, for the tests of the outbox's delivery. */
public final class MailSamples {

  private MailSamples() {}

  /**
   * A delivery status notification (RFC 3464) as Postfix writes it: the recipient's server could
   * not deliver the message {@code messageId} to {@code recipient}.
   */
  public static String deliveryReport(
      String to, String messageId, String recipient, String action, String status) {
    return String.join(
        "\r\n",
        "From: MAILER-DAEMON@mx.mail-it.example (Mail Delivery System)",
        "To: " + to,
        "Subject: Undelivered Mail Returned to Sender",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status;",
        "\tboundary=\"8F1B3C2A.1733140000/mx.mail-it.example\"",
        "",
        "This is a MIME-encapsulated message.",
        "",
        "--8F1B3C2A.1733140000/mx.mail-it.example",
        "Content-Description: Notification",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "This is the mail system at host mx.mail-it.example.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients.",
        "",
        "--8F1B3C2A.1733140000/mx.mail-it.example",
        "Content-Description: Delivery report",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.mail-it.example",
        "X-Postfix-Queue-ID: 8F1B3C2A",
        "Arrival-Date: Wed,  2 Dec 2026 10:00:00 +0100 (CET)",
        "",
        "Final-Recipient: rfc822; " + recipient,
        "Original-Recipient: rfc822;" + recipient,
        "Action: " + action,
        "Status: " + status,
        "Remote-MTA: dns; mail.mail-it.example",
        "Diagnostic-Code: smtp; 550 " + status + " <" + recipient + ">: Recipient address",
        "    rejected: User unknown in virtual mailbox table",
        "",
        "--8F1B3C2A.1733140000/mx.mail-it.example",
        "Content-Description: Undelivered Message Headers",
        "Content-Type: text/rfc822-headers",
        "",
        "Return-Path: <bounces@federa.localhost>",
        "From: no-reply@federa.localhost",
        "To: " + recipient,
        "Subject: An invitation",
        "Message-ID: " + messageId,
        "",
        "--8F1B3C2A.1733140000/mx.mail-it.example--",
        "");
  }
}
