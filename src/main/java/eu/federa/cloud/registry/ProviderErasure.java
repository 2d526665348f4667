package eu.federa.cloud.registry;

import eu.federa.cloud.CloudAccount;
import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.GroupObject;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Erases what a leaving tenant has at a provider (Data Act Art. 25(2)(h)): every object of its
 * OpenNebula group (VMs, templates, images, reservations, security groups, marketplace apps), then
 * its agent user and its group, whose access rules OpenNebula deletes with them; then Federa's
 * record of that account. Each object's deletion is answered by the provider; what it refuses (an
 * image a VM still holds while that VM ends) is tried again on the next pass, and given up only on
 * the last, with the provider's answer kept. Called by portability, one provider at a time, no
 * transaction held during a provider call.
 */
@ApplicationScoped
public class ProviderErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject SyncWork work;
  @Inject ProviderClients clients;
  @Inject ProviderDirectory directory;
  @Inject ProviderErasure self;

  /** What the provider answered for one object. */
  public record Answer(String provider, String object, Outcome outcome, String answer) {}

  /** What became of an object. */
  public enum Outcome {
    /** the provider deleted it */
    DELETED,
    /** the provider no longer had it */
    GONE,
    /** the provider refused on the last pass; it may still be there */
    FAILED
  }

  /**
   * One pass at one provider.
   *
   * @param answers the objects decided in this pass
   * @param done nothing is left to try there (everything deleted, or given up on the last pass)
   */
  public record Pass(List<Answer> answers, boolean done) {}

  /** The providers where the tenant has an account, by id. */
  @Transactional
  public List<Long> providersOf(long tenantId) {
    return Row.all(
            em.createNativeQuery(
                    "SELECT provider_id FROM provider_tenant_account WHERE tenant_id = ?1"
                        + " ORDER BY provider_id")
                .setParameter(1, tenantId))
        .stream()
        .map(r -> r.lng(0))
        .toList();
  }

  /**
   * Deletes what is left of the tenant at one provider. An object refused is tried again on the
   * next pass; on the last pass it is recorded as failed, with the provider's answer.
   *
   * @throws eu.federa.cloud.CloudTransportException when the provider cannot be reached (nothing
   *     decided; the caller tries again)
   */
  public Pass erase(long providerId, long tenantId, boolean lastPass) {
    String provider =
        Optional.ofNullable(directory.byIds(List.of(providerId)).get(providerId))
            .map(ProviderDirectory.ProviderCard::name)
            .orElse("provider " + providerId);
    ProviderConnection connection = work.connection(providerId);
    List<Answer> answers = new ArrayList<>();
    if (connection == null) {
      // The provider left the federation: Federa can no longer reach what may be there.
      answers.add(
          new Answer(
              provider,
              "tenant account",
              Outcome.FAILED,
              "The provider is no longer registered in Federa; its operator must delete the"
                  + " group federa-tenant-"
                  + tenantId));
      self.forget(providerId, tenantId);
      return new Pass(answers, true);
    }
    OpenNebulaClient client = clients.clientFor(connection);
    String groupName = "federa-tenant-" + tenantId;
    Optional<CloudAccount> group = find(client.groupPool(), groupName);
    Optional<CloudAccount> user = find(client.userPool(), groupName + "-agent");
    boolean left = false;
    if (group.isPresent()) {
      for (GroupObject o : client.groupObjects(group.get().id())) {
        Answer a = delete(provider, o.label(), () -> client.deleteGroupObject(o), lastPass);
        if (a == null) {
          left = true;
        } else {
          answers.add(a);
        }
      }
    }
    if (left) {
      return new Pass(answers, false);
    }
    if (user.isPresent()) {
      Answer a =
          delete(
              provider,
              "USER " + user.get().id() + " \"" + user.get().name() + "\"",
              () -> client.deleteUser(user.get().id()),
              lastPass);
      if (a == null) {
        return new Pass(answers, false);
      }
      answers.add(a);
    }
    if (group.isPresent()) {
      Answer a =
          delete(
              provider,
              "GROUP " + group.get().id() + " \"" + groupName + "\"",
              () -> client.deleteGroup(group.get().id()),
              lastPass);
      if (a == null) {
        return new Pass(answers, false);
      }
      answers.add(a);
    }
    self.forget(providerId, tenantId);
    return new Pass(answers, true);
  }

  private interface Call {
    int run();
  }

  /** The answer for one object, or null when refused before the last pass (tried again). */
  private static Answer delete(String provider, String object, Call call, boolean lastPass) {
    try {
      return new Answer(provider, object, Outcome.DELETED, "deleted (" + call.run() + ")");
    } catch (CloudApiException.NotFound gone) {
      return new Answer(provider, object, Outcome.GONE, "not there any more: " + gone.getMessage());
    } catch (CloudApiException refused) {
      return lastPass ? new Answer(provider, object, Outcome.FAILED, refused.getMessage()) : null;
    }
  }

  /** Federa's rows of the tenant's account there (account, grants, networks, security group). */
  @Transactional
  public void forget(long providerId, long tenantId) {
    for (String table :
        List.of(
            "provider_tenant_grant",
            "provider_tenant_network",
            "provider_tenant_secgroup",
            "provider_tenant_account")) {
      em.createNativeQuery("DELETE FROM " + table + " WHERE provider_id = ?1 AND tenant_id = ?2")
          .setParameter(1, providerId)
          .setParameter(2, tenantId)
          .executeUpdate();
    }
  }

  private static Optional<CloudAccount> find(List<CloudAccount> accounts, String name) {
    return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
