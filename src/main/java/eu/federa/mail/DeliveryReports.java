package eu.federa.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads a delivery status notification (RFC 3464: {@code multipart/report;
 * report-type=delivery-status}), the message a recipient's server sends back to the envelope sender
 * when it could not deliver: which original message (its Message-ID, from the returned headers),
 * and for each recipient whether delivery failed, its status and the server's words. Anything else
 * (a reply, an out-of-office notice) has no report.
 */
public final class DeliveryReports {

  /** One recipient's outcome for the original message. */
  public record Report(
      String originalMessageId,
      String recipient,
      boolean failed,
      String status,
      String diagnostic) {

    /** What the outbox says of a returned message. */
    public String reason() {
      String to = recipient == null ? "?" : recipient;
      String code = status == null ? "?" : status;
      return (diagnostic == null
              ? OutboxMessage.reason("returned", to, code)
              : OutboxMessage.reason("returnedWhy", to, code, diagnostic))
          .english();
    }
  }

  private DeliveryReports() {}

  /** The reports of a message as received (its raw bytes); empty when it is not one. */
  public static List<Report> of(byte[] raw) {
    try {
      MimeMessage message =
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
      ContentType type = new ContentType(message.getContentType());
      if (!type.match("multipart/report")
          || !"delivery-status".equalsIgnoreCase(type.getParameter("report-type"))) {
        return List.of();
      }
      MimeMultipart parts =
          new MimeMultipart(new ByteArrayDataSource(message.getRawInputStream(), type.toString()));
      String originalId = null;
      List<String[]> recipients = new ArrayList<>();
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        ContentType partType = new ContentType(part.getContentType());
        if (partType.match("message/delivery-status")) {
          recipients.addAll(recipientFields(text(part.getInputStream())));
        } else if (partType.match("message/rfc822") || partType.match("text/rfc822-headers")) {
          try (InputStream in = part.getInputStream()) {
            String[] ids = new InternetHeaders(in).getHeader("Message-ID");
            originalId = ids == null ? null : ids[0].strip();
          }
        }
      }
      List<Report> reports = new ArrayList<>();
      for (String[] r : recipients) {
        reports.add(new Report(originalId, r[0], "failed".equalsIgnoreCase(r[1]), r[2], r[3]));
      }
      return reports;
    } catch (MessagingException | IOException | RuntimeException notAReport) {
      return List.of();
    }
  }

  private static String text(InputStream in) throws IOException {
    try (in) {
      return new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
    }
  }

  /**
   * The per-recipient blocks of a delivery-status body (after the per-message block, blocks of
   * header fields separated by blank lines): recipient, action, status, diagnostic.
   */
  static List<String[]> recipientFields(String body) {
    List<String[]> found = new ArrayList<>();
    String[] blocks = body.replace("\r\n", "\n").split("\n\\s*\n");
    for (String block : blocks) {
      String recipient = null;
      String action = null;
      String status = null;
      String diagnostic = null;
      for (String field : block.replaceAll("\n[ \t]+", " ").split("\n")) {
        int colon = field.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).strip();
        switch (name) {
          case "final-recipient" -> recipient = afterType(value);
          case "original-recipient" -> recipient = recipient == null ? afterType(value) : recipient;
          case "action" -> action = value;
          case "status" -> status = value;
          case "diagnostic-code" -> diagnostic = afterType(value);
          default -> {
            // other fields are not needed
          }
        }
      }
      if (action != null && (recipient != null || status != null)) {
        found.add(new String[] {recipient, action, status, diagnostic});
      }
    }
    return found;
  }

  /** {@code rfc822; x@y} → {@code x@y}. */
  private static String afterType(String value) {
    int semicolon = value.indexOf(';');
    return (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip();
  }
}
