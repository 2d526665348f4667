package eu.federa.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** An SSH public key a user keeps in their profile, for the VMs they order. */
@Entity
@Table(name = "ssh_key")
public class SshKey extends StoredSshKey {

  @Column(name = "user_subject", nullable = false, updatable = false)
  private String userSubject;

  protected SshKey() {}

  SshKey(String userSubject, String name, SshPublicKey key, Instant now) {
    super(name, key, now);
    this.userSubject = userSubject;
  }

  public String getUserSubject() {
    return userSubject;
  }
}
