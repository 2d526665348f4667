package eu.federa.tenancy;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** What team pages and the API show; immutable snapshots, safe to keep in a view. */
public final class TeamViews {

  private TeamViews() {}

  /** A tenant the caller belongs to, with their role there. */
  public record TenantSummary(long id, String name, TenantRole role) implements Serializable {}

  /**
   * @param you whether this is the caller
   * @param serviceAccount whether this is a service account (a script), not a person
   */
  public record Member(
      long id,
      String displayName,
      String email,
      TenantRole role,
      List<String> projects,
      Instant joinedAt,
      boolean you,
      boolean serviceAccount)
      implements Serializable {

    /** The project names as one line, for pages. */
    public String projectsText() {
      return String.join(", ", projects);
    }

    /**
     * How a menu names the member: the name with the e-mail address, or, for a service account
     * (which has none), with the page's word for one; the name alone when nothing is known.
     */
    public String choiceLabel(String serviceAccountWord) {
      if (serviceAccount) {
        return displayName + " (" + serviceAccountWord + ")";
      }
      return email == null || email.isBlank() ? displayName : displayName + " (" + email + ")";
    }
  }

  /** A project as a menu offers it: its id and name. */
  public record ProjectName(long id, String name) implements Serializable {}

  /**
   * @param adminIds the memberships that are admins of the project (a subset of {@code memberIds})
   */
  public record ProjectInfo(
      long id,
      String name,
      String description,
      List<Long> memberIds,
      List<Long> adminIds,
      Instant createdAt)
      implements Serializable {}

  public record InvitationInfo(
      long id,
      String email,
      TenantRole role,
      List<String> projects,
      InvitationStatus status,
      boolean expired,
      Instant createdAt,
      Instant expiresAt)
      implements Serializable {

    public String projectsText() {
      return String.join(", ", projects);
    }
  }

  /** What the person who opens an invitation link sees before accepting. */
  public record InvitationPreview(
      String tenantName,
      TenantRole role,
      String email,
      List<String> projects,
      boolean open,
      String problemKey,
      boolean forCaller)
      implements Serializable {

    public String projectsText() {
      return String.join(", ", projects);
    }
  }
}
