package eu.federa.platform.persistence;

import jakarta.enterprise.context.RequestScoped;

/**
 * The reference data's revision as this request's first statement read it (tenancy's {@code
 * CallerMemberships} reads it there with the account and the memberships), so that a page that
 * keeps reference data asks nothing more for it. Never kept beyond the request.
 */
@RequestScoped
public class RequestRevision {

  private Long revision;

  /** Notes the revision read by this request. */
  public void seen(long revision) {
    this.revision = revision;
  }

  /** The revision this request read, or null when it read none. */
  public Long seen() {
    return revision;
  }
}
