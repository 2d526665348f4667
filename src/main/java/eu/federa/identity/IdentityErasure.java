package eu.federa.identity;

import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The profiles (name, e-mail, language, sign-in times) and SSH keys of a leaving tenant's people
 * who belong to no other organisation, deleted. A profile a platform admin disabled stays, so that
 * the person stays locked out. Signing in again makes a new, empty profile from the identity
 * provider's claims: the sign-in account itself lives at the identity provider (Keycloak).
 */
@ApplicationScoped
public class IdentityErasure implements TenantErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public int order() {
    return 80;
  }

  @Override
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    if (context.leavingFedera().isEmpty()) {
      return List.of(Erased.deleted("profiles and SSH keys of people leaving Federa", 0));
    }
    long keys =
        em.createNativeQuery("DELETE FROM ssh_key WHERE user_subject IN (?1)")
            .setParameter(1, context.leavingFedera())
            .executeUpdate();
    long profiles =
        em.createNativeQuery(
                "DELETE FROM portal_user WHERE subject IN (?1) AND disabled_at IS NULL")
            .setParameter(1, context.leavingFedera())
            .executeUpdate();
    return List.of(
        Erased.deleted("personal SSH keys", keys),
        Erased.deleted("profiles of people who belong to no other organisation", profiles));
  }
}
