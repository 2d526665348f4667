package eu.federa.audit.web;

import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditTarget;
import eu.federa.audit.Changes;
import eu.federa.audit.Phrase;
import eu.federa.platform.web.FormMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Optional;

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

  /** A word of the portal's, or the fields of a record an admin created or changed. */
  private static Optional<Phrase> read(AuditEntry entry) {
    return AuditDetail.read(entry.action(), entry.detail())
        .or(() -> Changes.read(entry.action(), entry.detail()));
  }

  private static Optional<String> said(Optional<Phrase> phrase) {
    return phrase.map(p -> FormMessages.text(p.key(), p.arguments()));
  }
}
