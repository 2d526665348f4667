package eu.federa.tenancy;

import eu.federa.identity.SshPublicKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An SSH public key of a project, for the VMs ordered in it. */
@Entity
@Table(name = "project_ssh_key")
public class ProjectSshKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "project_id", nullable = false, updatable = false)
  private long projectId;

  @Column(nullable = false, length = 60)
  private String name;

  @Column(name = "key_type", nullable = false, updatable = false)
  private String keyType;

  @Column(name = "key_bits", nullable = false, updatable = false)
  private int keyBits;

  @Column(name = "public_key", nullable = false, updatable = false)
  private String publicKey;

  @Column(nullable = false, updatable = false)
  private String fingerprint;

  @Column(name = "added_by", nullable = false, updatable = false)
  private String addedBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected ProjectSshKey() {}

  ProjectSshKey(long projectId, String name, SshPublicKey key, String addedBy, Instant now) {
    this.projectId = projectId;
    this.name = name;
    this.keyType = key.type();
    this.keyBits = key.bits();
    this.publicKey = key.line();
    this.fingerprint = key.fingerprint();
    this.addedBy = addedBy;
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public long getProjectId() {
    return projectId;
  }

  public String getName() {
    return name;
  }

  public String getKeyType() {
    return keyType;
  }

  public int getKeyBits() {
    return keyBits;
  }

  public String getPublicKey() {
    return publicKey;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
