package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.identity.SshKeys;
import eu.federa.identity.SshKeys.KeyView;
import eu.federa.identity.SshPublicKey;
import eu.federa.identity.StoredSshKey;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The SSH keys of a project (a team's shared keys, an automation's): its tenant's admins add and
 * remove them, every member of the tenant sees them and may give them to the VMs they order in the
 * project. Checked like a user's own keys ({@link SshPublicKey}).
 */
@ApplicationScoped
@Transactional
public class ProjectSshKeys {

  /** How many keys one project may keep. */
  public static final int MAX_PER_PROJECT = 50;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject TeamProjects projects;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** The project's keys, by name. */
  public List<KeyView> list(long tenantId, long projectId) {
    access.require(tenantId, TenantPermission.VIEW);
    project(tenantId, projectId);
    return keys(projectId).stream().map(ProjectSshKey::view).toList();
  }

  /**
   * Adds a key to the project (tenant admins).
   *
   * @throws InvalidInputException with the reason, as for a user's keys; nothing is saved
   */
  public long add(long tenantId, long projectId, String name, String publicKey) {
    Membership admin = access.require(tenantId, TenantPermission.MANAGE_TEAM);
    SshPublicKey key = SshKeys.checked(name, publicKey);
    // The project's row guards the count and the duplicates, on every node.
    Project project =
        em.find(
            Project.class, project(tenantId, projectId).getId(), LockModeType.PESSIMISTIC_WRITE);
    String trimmed = name.strip();
    StoredSshKey.refuseRepeats(
        lockedKeys(project.getId()),
        trimmed,
        key,
        "sshkey.error.projectDuplicate",
        MAX_PER_PROJECT,
        "sshkey.error.projectLimit");
    ProjectSshKey saved =
        new ProjectSshKey(project.getId(), trimmed, key, admin.getUserSubject(), clock.instant());
    em.persist(saved);
    em.flush();
    audit.success(
        AuditAction.SSH_KEY_ADDED,
        tenantId,
        AuditTarget.Kind.PROJECT.of(project.getId()),
        trimmed + " " + key.fingerprint());
    return saved.getId();
  }

  /**
   * Removes a key of the project (tenant admins). VMs ordered with it keep it.
   *
   * @throws NotFoundException when the project has no such key
   */
  public void remove(long tenantId, long projectId, long keyId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    project(tenantId, projectId);
    ProjectSshKey key = em.find(ProjectSshKey.class, keyId);
    if (key == null || key.getProjectId() != projectId) {
      throw new NotFoundException("ssh key", keyId);
    }
    em.remove(key);
    audit.success(
        AuditAction.SSH_KEY_REMOVED,
        tenantId,
        AuditTarget.Kind.PROJECT.of(projectId),
        key.getName() + " " + key.getFingerprint());
  }

  /**
   * The {@code authorized_keys} lines of the project's keys with these ids, for an order in the
   * project; none when none are asked for.
   *
   * @throws InvalidInputException when one is not a key of that project (field {@code sshKeys}), or
   *     keys are asked for an order without a project
   */
  public List<String> linesFor(long tenantId, Long projectId, Collection<Long> keyIds) {
    if (keyIds.isEmpty()) {
      return List.of();
    }
    if (projectId == null || projects.findProject(tenantId, projectId).isEmpty()) {
      throw new InvalidInputException(FieldError.of("sshKeys", "order.error.projectKey"));
    }
    List<String> lines = new ArrayList<>();
    for (long id : new LinkedHashSet<>(keyIds)) {
      ProjectSshKey key = em.find(ProjectSshKey.class, id);
      if (key == null || key.getProjectId() != projectId) {
        throw new InvalidInputException(FieldError.of("sshKeys", "order.error.projectKey"));
      }
      lines.add(key.getPublicKey());
    }
    return lines;
  }

  private Project project(long tenantId, long projectId) {
    return projects
        .findProject(tenantId, projectId)
        .orElseThrow(() -> new NotFoundException("project", projectId));
  }

  /**
   * The keys as committed now, read under the project's lock: a locking read, since the
   * transaction's snapshot was taken before the lock (when the caller's access was read).
   */
  private List<ProjectSshKey> lockedKeys(long projectId) {
    return em.createQuery(
            "select k from ProjectSshKey k where k.projectId = :p order by k.name, k.id",
            ProjectSshKey.class)
        .setParameter("p", projectId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  private List<ProjectSshKey> keys(long projectId) {
    return em.createQuery(
            "select k from ProjectSshKey k where k.projectId = :p order by k.name, k.id",
            ProjectSshKey.class)
        .setParameter("p", projectId)
        .getResultList();
  }
}
