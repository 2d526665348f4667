package eu.federa.tenancy;

import eu.federa.identity.SshPublicKey;
import eu.federa.identity.StoredSshKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** An SSH public key of a project, for the VMs ordered in it. */
@Entity
@Table(name = "project_ssh_key")
public class ProjectSshKey extends StoredSshKey {

  @Column(name = "project_id", nullable = false, updatable = false)
  private long projectId;

  @Column(name = "added_by", nullable = false, updatable = false)
  private String addedBy;

  protected ProjectSshKey() {}

  ProjectSshKey(long projectId, String name, SshPublicKey key, String addedBy, Instant now) {
    super(name, key, now);
    this.projectId = projectId;
    this.addedBy = addedBy;
  }

  public long getProjectId() {
    return projectId;
  }
}
