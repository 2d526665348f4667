package eu.federa.portability;

import eu.federa.platform.text.Reason;
import java.io.Serializable;
import java.time.Instant;

/**
 * An export bundle as the exports page and the API show it.
 *
 * @param percent how far its writing is, 0 to 100
 * @param currentSection the section being written now, null when none
 * @param projectId the project it is of; null: the whole organisation
 * @param problem why the last attempt failed or the bundle waits, in English (the API); null when
 *     nothing is in its way
 * @param problemReason the same, for a page to say in its reader's language
 */
public record ExportView(
    long id,
    Long projectId,
    ExportState state,
    int percent,
    String currentSection,
    int fileCount,
    Long sizeBytes,
    String sha256,
    String problem,
    Reason problemReason,
    Instant createdAt,
    Instant readyAt,
    Instant expiresAt)
    implements Serializable {

  static ExportView of(DataExport e) {
    int percent =
        e.getState() == ExportState.READY
            ? 100
            : e.getSectionsTotal() == 0 ? 0 : 100 * e.getSectionsDone() / e.getSectionsTotal();
    return new ExportView(
        e.getId(),
        e.getProjectId(),
        e.getState(),
        percent,
        e.getCurrentSection(),
        e.getFileCount(),
        e.getSizeBytes(),
        e.getSha256(),
        e.getReason() == null ? null : e.getReason().english(),
        e.getReason(),
        e.getCreatedAt(),
        e.getReadyAt(),
        e.getExpiresAt());
  }

  /** Downloadable now. */
  public boolean ready() {
    return state == ExportState.READY;
  }
}
