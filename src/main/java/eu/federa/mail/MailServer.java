package eu.federa.mail;

import eu.federa.platform.config.Setting;
import eu.federa.platform.security.LinkSigner;
import eu.federa.platform.text.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail server the outbox is delivered to, by SMTP (Jakarta Mail), as the settings say: host,
 * port, STARTTLS (required), implicit TLS or none, an account or none. The session is made from the
 * settings at each send, so that a changed setting needs no restart.
 */
@ApplicationScoped
public class MailServer {

  /** Bounds on every wait, so that one send never outlives its claim (see MailDelivery). */
  static final int CONNECT_MILLIS = 10_000;

  static final int READ_MILLIS = 30_000;

  private static final String SIGNED = "outbox-message";

  @Inject LinkSigner signer;

  /**
   * The Message-ID of an outbox message: its row, signed ({@code <outbox-42.SIG@federa>}), so that
   * a delivery report naming it can be trusted to be about a message this portal sent: nobody
   * without the portal's keys can make one up for another row.
   */
  String messageId(long outboxId) {
    return "<outbox-" + outboxId + "." + signer.sign(SIGNED, Long.toString(outboxId)) + "@federa>";
  }

  /** The outbox row a Message-ID names, when its signature holds. */
  Optional<Long> outboxIdOf(String messageId) {
    if (messageId == null) {
      return Optional.empty();
    }
    Matcher m = MESSAGE_ID.matcher(messageId.strip());
    if (!m.matches() || m.group(1).length() > 18) {
      return Optional.empty();
    }
    return signer.verify(SIGNED, m.group(1), m.group(2))
        ? Optional.of(Long.parseLong(m.group(1)))
        : Optional.empty();
  }

  private static final Pattern MESSAGE_ID =
      Pattern.compile("<outbox-([0-9]+)\\.([A-Za-z0-9_-]+)@federa>");

  /** Whether a mail server is set; without one, messages are only kept in the outbox. */
  public static boolean configured() {
    return !Setting.SMTP_HOST.value().isBlank();
  }

  /** Why a message was not taken, and whether trying again could help. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    /**
     * @param reason a key under {@code outbox.reason.} and its values: kept as its English, read
     *     back in each reader's language ({@link OutboxMessage#getFailure})
     */
    Refused(boolean permanent, Reason reason, Throwable cause) {
      super(reason.english(), cause);
      this.permanent = permanent;
    }

    public boolean permanent() {
      return permanent;
    }
  }

  /**
   * Hands the message to the mail server; returns once the server has taken it.
   *
   * @throws Refused when it did not
   */
  public void send(OutboxMessage m) throws Refused {
    send(m, properties());
  }

  /** {@link #send(OutboxMessage)} with the session's properties given (a test's trust store). */
  void send(OutboxMessage m, Properties settings) throws Refused {
    Session session = Session.getInstance(settings);
    try {
      MimeMessage mime = new IdentifiedMessage(session, messageId(m.getId()));
      try {
        mime.setFrom(new InternetAddress(Setting.MAIL_FROM.value(), true));
      } catch (AddressException badSetting) {
        throw new Refused(
            false, OutboxMessage.reason("badSender", badSetting.getMessage()), badSetting);
      }
      mime.setRecipient(Message.RecipientType.TO, recipient(m.getRecipient()));
      mime.setSubject(oneLine(m.getSubject()), StandardCharsets.UTF_8.name());
      mime.setText(m.getBody(), StandardCharsets.UTF_8.name());
      mime.setSentDate(Date.from(m.getCreatedAt()));
      mime.setHeader("Auto-Submitted", "auto-generated");
      String user = Setting.SMTP_USERNAME.value();
      if (user.isBlank()) {
        Transport.send(mime);
      } else {
        Transport.send(mime, user, Setting.SMTP_PASSWORD.value());
      }
    } catch (MessagingException e) {
      throw classify(e);
    }
  }

  /**
   * The one address a message goes to. A recipient's text that holds several (a list typed where
   * one address was asked for) is refused, not sent to all of them.
   */
  static InternetAddress recipient(String text) throws AddressException {
    InternetAddress[] addresses = InternetAddress.parse(text, true);
    if (addresses.length != 1) {
      throw new AddressException("Not one address", text);
    }
    return addresses[0];
  }

  /** A subject on one line: its texts come partly from people (names), never new header lines. */
  static String oneLine(String subject) {
    return subject.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  static Properties properties() {
    String security = Setting.SMTP_SECURITY.value();
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    String prefix = "mail.smtp.";
    p.put(prefix + "host", Setting.SMTP_HOST.value());
    p.put(prefix + "port", Setting.SMTP_PORT.value());
    p.put(prefix + "connectiontimeout", Integer.toString(CONNECT_MILLIS));
    p.put(prefix + "timeout", Integer.toString(READ_MILLIS));
    p.put(prefix + "writetimeout", Integer.toString(READ_MILLIS));
    p.put(prefix + "auth", Boolean.toString(!Setting.SMTP_USERNAME.value().isBlank()));
    if (!Setting.MAIL_BOUNCE_ADDRESS.value().isBlank()) {
      p.put(prefix + "from", Setting.MAIL_BOUNCE_ADDRESS.value()); // the envelope sender
    }
    if (security.equals("starttls")) {
      p.put(prefix + "starttls.enable", "true");
      p.put(prefix + "starttls.required", "true");
    }
    if (security.equals("tls")) {
      // Implicit TLS from the first byte (Transport.send picks the smtp provider for every
      // address, so TLS is asked of it rather than of the smtps one).
      p.put(prefix + "ssl.enable", "true");
    }
    if (!security.equals("none")) {
      p.put(prefix + "ssl.checkserveridentity", "true");
    }
    return p;
  }

  /**
   * Whether trying again could help: a refused address, or a reply in the 500s, is for good; an
   * unreachable server, a timeout, a failed login (a setting to fix) or a reply in the 400s is not.
   */
  static Refused classify(MessagingException e) {
    String reason = describe(e);
    if (e instanceof AddressException) {
      return new Refused(true, OutboxMessage.reason("badAddress", reason), e);
    }
    if (e instanceof AuthenticationFailedException) {
      return new Refused(false, OutboxMessage.reason("account", reason), e);
    }
    Integer code = replyCode(e);
    if (code != null) {
      return new Refused(code >= 500, OutboxMessage.reason("answered", reason), e);
    }
    if (e instanceof SendFailedException sendFailed
        && sendFailed.getInvalidAddresses() != null
        && sendFailed.getInvalidAddresses().length > 0) {
      return new Refused(true, OutboxMessage.reason("addressRefused", reason), e);
    }
    return new Refused(false, OutboxMessage.reason("unreachable", reason), e);
  }

  /** The SMTP reply code an exception of the chain carries in its message ("550 5.1.1 ..."). */
  static Integer replyCode(Throwable e) {
    for (Throwable t = e; t != null && depth(e, t) < 10; t = next(t)) {
      Integer code = codeOf(t.getMessage());
      if (code != null) {
        return code;
      }
    }
    return null;
  }

  /** The 4xx or 5xx reply code a server's answer begins with, else null. */
  static Integer codeOf(String message) {
    if (message == null
        || message.length() < 4
        || (message.charAt(0) != '4' && message.charAt(0) != '5')
        || !Character.isDigit(message.charAt(1))
        || !Character.isDigit(message.charAt(2))
        || (message.charAt(3) != ' ' && message.charAt(3) != '-')) {
      return null;
    }
    return Integer.parseInt(message.substring(0, 3));
  }

  /** How deep {@code t} is in the chain of {@code e} (a chain that loops is cut short). */
  private static int depth(Throwable e, Throwable t) {
    int n = 0;
    for (Throwable x = e; x != t && x != null && n < 10; x = next(x)) {
      n++;
    }
    return n;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  /** The server's answer when one of the chain is one, else the chain's messages on one line. */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && depth(e, t) < 10; t = next(t)) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        String line = t.getMessage().strip().replaceAll("\\s+", " ");
        if (codeOf(line) != null) {
          return line;
        }
        if (text.indexOf(line) < 0) {
          text.append(text.length() == 0 ? "" : ": ").append(line);
        }
      }
    }
    return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
  }

  /** A message whose Message-ID names its outbox row (a copy that arrived twice would show it). */
  private static final class IdentifiedMessage extends MimeMessage {
    private final String id;

    IdentifiedMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
