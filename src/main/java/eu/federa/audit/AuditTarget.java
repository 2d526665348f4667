package eu.federa.audit;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an audit entry is about, as the trail keeps it ({@code order 12}, {@code image debian-12 at
 * provider 3}) and as a reader reads it in their language ({@code Bestellung 12}). The kept text is
 * sealed into the audit chain, so it stays English words; writers make it here and pages read it
 * back here, so that both speak the same forms. A target that is a name (a project, a person, an
 * organisation) is not one of these forms and reads as it is.
 */
public final class AuditTarget {

  /** A kind of thing an entry names with its number or code. */
  public enum Kind {
    ORDER("order", Ref.NUMBER),
    PROVIDER("provider", Ref.NUMBER),
    VOLUME("volume", Ref.NUMBER),
    SNAPSHOT("snapshot", Ref.NUMBER),
    BACKUP("backup", Ref.NUMBER),
    SERVICE_ACCOUNT("service account", Ref.NUMBER),
    PROJECT("project", Ref.NUMBER),
    INVOICE("invoice", Ref.NUMBER),
    IMPORT("import", Ref.NUMBER),
    EXPORT("export", Ref.NUMBER),
    EXIT("exit", Ref.NUMBER),
    API_KEY("API key", Ref.NUMBER),
    AI_SERVICE("AI service", Ref.NUMBER),
    FIREWALL_RULE("firewall rule", Ref.NUMBER),
    BLACKOUT("blackout", Ref.NUMBER),
    TENANT("tenant", Ref.NUMBER),
    SSH_KEY("ssh key", Ref.CODE),
    SIZE("size", Ref.CODE),
    IMAGE("image", Ref.CODE),
    MODEL("model", Ref.CODE),
    GPU("GPU", Ref.CODE),
    GRID_INTENSITY("grid intensity", Ref.CODE),
    BUDGET("budget", Ref.MONTH),
    MONTH("month", Ref.MONTH);

    private final String word;
    private final Ref ref;

    Kind(String word, Ref ref) {
      this.word = word;
      this.ref = ref;
    }

    /** The target naming one of this kind: {@code order 12}. */
    public String of(Object ref) {
      return word + " " + ref;
    }

    String key() {
      return "audit.target." + name();
    }
  }

  /** A target that is a word of its own, with nothing to number it. */
  public enum Word {
    QUOTA("quota"),
    BUDGET("budget"),
    APPROVAL_THRESHOLD("approval threshold"),
    REBALANCING("rebalancing"),
    MEASURED_LATENCIES("measured latencies"),
    AUDIT_CHAIN("audit chain"),
    AUDIT_TRAIL("audit trail");

    private final String word;

    Word(String word) {
      this.word = word;
    }

    /** The target as kept. */
    public String text() {
      return word;
    }
  }

  /** What follows a kind's word. */
  private enum Ref {
    NUMBER("\\d{1,19}"),
    CODE("[\\p{Alnum}][\\p{Alnum}._:+/=-]{0,199}"),
    MONTH("\\d{4}-\\d{2}");

    private final String pattern;

    Ref(String pattern) {
      this.pattern = pattern;
    }
  }

  private static final Map<String, Kind> KINDS =
      Arrays.stream(Kind.values()).collect(Collectors.toMap(k -> k.word, Function.identity()));

  private static final Map<String, Word> WORDS =
      Arrays.stream(Word.values()).collect(Collectors.toMap(w -> w.word, Function.identity()));

  private static final Pattern SIMPLE =
      Pattern.compile(
          "("
              + Arrays.stream(Kind.values())
                  .map(k -> Pattern.quote(k.word))
                  .collect(Collectors.joining("|"))
              + ") (\\S+)");

  private static final Pattern AT_PROVIDER =
      Pattern.compile("(image|host|price list) (" + Ref.CODE.pattern + ") (at|of) provider (\\d+)");

  private static final Pattern VM_AT_PROVIDER = Pattern.compile("provider (\\d+), VM (\\d+)");

  private AuditTarget() {}

  /** An image's offer at a provider. */
  public static String imageAtProvider(String imageCode, long providerId) {
    return "image " + imageCode + " at provider " + providerId;
  }

  /** A host of a provider. */
  public static String hostOfProvider(String hostName, long providerId) {
    return "host " + hostName + " of provider " + providerId;
  }

  /** A price list of a provider. */
  public static String priceListOfProvider(long priceListId, long providerId) {
    return "price list " + priceListId + " of provider " + providerId;
  }

  /** A VM found at a provider (by the provider's number for it). */
  public static String vmAtProvider(long providerId, long vmId) {
    return "provider " + providerId + ", VM " + vmId;
  }

  /**
   * A kept target as the reader reads it; empty for a name or any text that is not one of the forms
   * above.
   */
  public static Optional<Phrase> read(String kept) {
    if (kept == null || kept.isEmpty()) {
      return Optional.empty();
    }
    Word word = WORDS.get(kept);
    if (word != null) {
      return Optional.of(new Phrase("audit.target.word." + word.name()));
    }
    Matcher m = VM_AT_PROVIDER.matcher(kept);
    if (m.matches()) {
      return Optional.of(new Phrase("audit.target.vmAtProvider", m.group(1), m.group(2)));
    }
    m = AT_PROVIDER.matcher(kept);
    if (m.matches()) {
      String form = m.group(1) + " " + m.group(3);
      String key =
          switch (form) {
            case "image at" -> "audit.target.imageAtProvider";
            case "host of" -> "audit.target.hostOfProvider";
            case "price list of" ->
                m.group(2).matches(Ref.NUMBER.pattern) ? "audit.target.priceListOfProvider" : null;
            default -> null;
          };
      return key == null ? Optional.empty() : Optional.of(new Phrase(key, m.group(2), m.group(4)));
    }
    m = SIMPLE.matcher(kept);
    if (m.matches()) {
      Kind kind = KINDS.get(m.group(1));
      String ref = m.group(2);
      if (!ref.matches(kind.ref.pattern)) {
        return Optional.empty();
      }
      if (kind.ref == Ref.MONTH) {
        try {
          // A month is named in the reader's language.
          return Optional.of(new Phrase(kind.key(), YearMonth.parse(ref)));
        } catch (DateTimeParseException notAMonth) {
          return Optional.empty();
        }
      }
      return Optional.of(new Phrase(kind.key(), ref));
    }
    return Optional.empty();
  }
}
