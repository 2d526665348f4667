package eu.federa.audit.web;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditTarget;
import eu.federa.audit.Changes;
import eu.federa.audit.Phrase;
import eu.federa.platform.web.FormMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code #{auditTexts}}: an audit entry in the reader's language, what it is about ({@code
 * Bestellung 12} for the kept {@code order 12}) and its detail where it is a word of the portal (a
 * state, a role, "frozen") or a record an admin created or changed (its fields by the reader's
 * words for them); a name, and a detail that is another record (a provider's error), read as they
 * were kept.
 */
@Named
@ApplicationScoped
public class AuditTexts {

  public String target(String kept) {
    return said(AuditTarget.read(kept)).orElse(kept);
  }

  /** Whether a kept target is one of the trail's forms, read in the reader's words. */
  public boolean targetIsRead(String kept) {
    return AuditTarget.read(kept).isPresent();
  }

  public String detail(AuditEntry entry) {
    return said(read(entry)).orElse(entry.detail());
  }

  /** Whether its detail is shown as the English record it was kept as (marked so for readers). */
  public boolean detailIsRecord(AuditEntry entry) {
    return entry.detail() != null && read(entry).isEmpty();
  }

  /**
   * How many kept details this node remembers having read: a page reads each row's twice, and the
   * trail's newest rows are read again by every view (a failure's reason is looked for among the
   * portal's messages). What is remembered is derived from the kept text alone, the same on every
   * node; past the bound it is forgotten at once.
   */
  private static final int READINGS_KEPT = 4_096;

  private record Kept(AuditAction action, String detail) {}

  private final Map<Kept, Optional<Phrase>> readings = new ConcurrentHashMap<>();

  /** A word of the portal's, or the fields of a record an admin created or changed. */
  private Optional<Phrase> read(AuditEntry entry) {
    if (entry.detail() == null) {
      return Optional.empty();
    }
    Kept kept = new Kept(entry.action(), entry.detail());
    Optional<Phrase> read = readings.get(kept);
    if (read == null) {
      read =
          AuditDetail.read(entry.action(), entry.detail())
              .or(() -> Changes.read(entry.action(), entry.detail()));
      if (readings.size() >= READINGS_KEPT) {
        readings.clear();
      }
      readings.put(kept, read);
    }
    return read;
  }

  private static Optional<String> said(Optional<Phrase> phrase) {
    return phrase.map(p -> FormMessages.text(p.key(), p.arguments()));
  }
}
