package eu.federa.portability;

/** Where an export bundle is in its life. */
public enum ExportState {
  /** Asked for; a node will make it. */
  QUEUED,
  /** Being written, section by section. */
  RUNNING,
  /** Written: downloadable until it expires. */
  READY,
  /** Could not be made (after retries); nothing is kept. */
  FAILED,
  /** Its retention is over: the file is deleted. */
  EXPIRED;

  /** Still to be made: one at a time per tenant. */
  public boolean inProgress() {
    return this == QUEUED || this == RUNNING;
  }
}
