package eu.federa.identity;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The signed-in user's SSH public keys: added (checked by {@link SshPublicKey}), listed with their
 * fingerprints, removed, and given to the VMs the user orders. A user sees and uses only their own
 * keys; another's key does not exist for them.
 */
@ApplicationScoped
public class SshKeys {

  /** How many keys one user may keep. */
  public static final int MAX_PER_USER = 20;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** A key as the profile and project pages show it. */
  public record KeyView(
      long id,
      String name,
      String type,
      int bits,
      String fingerprint,
      String comment,
      Instant createdAt)
      implements Serializable {}

  /**
   * A key form's name and pasted key, checked as every key form checks them.
   *
   * @throws InvalidInputException with every reason (field {@code name} or {@code publicKey})
   */
  public static SshPublicKey checked(String name, String publicKey) {
    List<FieldError> errors = new ArrayList<>();
    TextRules.length(errors, "name", name, 1, 60);
    SshPublicKey key = null;
    try {
      key = SshPublicKey.parse(publicKey);
    } catch (SshPublicKey.Refused refused) {
      errors.add(FieldError.of("publicKey", refused.messageKey(), refused.arguments()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return key;
  }

  /** The caller's keys, by name. */
  @Transactional
  public List<KeyView> mine() {
    return em.createQuery(
            "select k from SshKey k where k.userSubject = :s order by k.name, k.id", SshKey.class)
        .setParameter("s", subject())
        .getResultStream()
        .map(SshKey::view)
        .toList();
  }

  /**
   * Adds a key to the caller's profile.
   *
   * @throws InvalidInputException with the reason: no or a bad name, not a public key (a private
   *     key is refused with its own message), a key or name already there, too many keys
   */
  @Transactional
  public long add(String name, String publicKey) {
    String subject = subject();
    SshPublicKey key = checked(name, publicKey);
    String trimmed = name.strip();
    // The user's row guards the count and the duplicates, on every node.
    PortalUser owner =
        em.createQuery("select u from PortalUser u where u.subject = :s", PortalUser.class)
            .setParameter("s", subject)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> new AccessDeniedException("Sign in first"));
    List<SshKey> existing =
        em.createQuery("select k from SshKey k where k.userSubject = :s", SshKey.class)
            .setParameter("s", owner.getSubject())
            .getResultList();
    StoredSshKey.refuseRepeats(
        existing, trimmed, key, "sshkey.error.duplicate", MAX_PER_USER, "sshkey.error.limit");
    String fingerprint = key.fingerprint();
    SshKey saved = new SshKey(subject, trimmed, key, clock.instant());
    em.persist(saved);
    em.flush();
    audit.success(
        AuditAction.SSH_KEY_ADDED,
        null,
        AuditTarget.Kind.SSH_KEY.of(fingerprint),
        AuditDetail.NAME.text(trimmed));
    return saved.getId();
  }

  /**
   * Removes one of the caller's keys. VMs ordered with it keep it: remove it there too.
   *
   * @throws NotFoundException when the caller has no such key
   */
  @Transactional
  public void remove(long keyId) {
    SshKey key = own(keyId);
    em.remove(key);
    audit.success(
        AuditAction.SSH_KEY_REMOVED,
        null,
        AuditTarget.Kind.SSH_KEY.of(key.getFingerprint()),
        AuditDetail.NAME.text(key.getName()));
  }

  /**
   * The {@code authorized_keys} lines of the caller's keys with these ids, for an order: one line
   * per key, in the order given, each once.
   *
   * @throws InvalidInputException when one of them is not the caller's key (field {@code sshKeys})
   */
  @Transactional
  public List<String> linesFor(Collection<Long> keyIds) {
    List<String> lines = new ArrayList<>();
    for (long id : new LinkedHashSet<>(keyIds)) {
      SshKey key = em.find(SshKey.class, id);
      if (key == null || !key.getUserSubject().equals(subject())) {
        throw new InvalidInputException(FieldError.of("sshKeys", "order.error.sshKey"));
      }
      lines.add(key.getPublicKey());
    }
    return lines;
  }

  private SshKey own(long keyId) {
    SshKey key = em.find(SshKey.class, keyId);
    if (key == null || !key.getUserSubject().equals(subject())) {
      throw new NotFoundException("ssh key", keyId);
    }
    return key;
  }

  private String subject() {
    return caller.user().orElseThrow(() -> new AccessDeniedException("Sign in first")).subject();
  }
}
