package eu.federa.tenancy;

import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The organisation in a tenant's export bundle: itself, its projects, its members with their roles
 * and projects, its membership rules and invitations. An invitation's token never leaves Federa.
 */
@ApplicationScoped
public class TenancyExport implements TenantDataSection {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject UserAccountService accounts;
  @Inject MoveConsent moveConsent;
  @Inject BlackoutWindows blackouts;

  /**
   * The organisation, as it stands: with its settings for the platform's moves of its VMs (whether
   * they may go to another provider, and its blackout windows).
   */
  public record Organisation(
      long id,
      String name,
      String countryCode,
      String vatId,
      String billingEmail,
      List<String> residencyCountries,
      Instant createdAt,
      boolean platformMovesAcross,
      List<BlackoutItem> blackoutWindows) {}

  /** A blackout window: the weekdays it starts on, from and to (HH:mm, UTC). */
  public record BlackoutItem(List<String> days, String from, String to) {}

  public record ProjectItem(long id, String name, String description, Instant createdAt) {}

  /**
   * A member: who (as the identity provider named them), the role, the projects, and those they are
   * an admin of.
   */
  public record MemberItem(
      String subject,
      String name,
      String email,
      String role,
      List<String> projects,
      List<String> adminOf,
      String grantedBy,
      Instant joinedAt) {}

  public record RuleItem(
      String kind,
      String matchValue,
      List<String> trustedProviders,
      String role,
      String createdBy,
      Instant createdAt) {}

  public record InvitationItem(
      String email,
      String role,
      List<String> projects,
      String status,
      String invitedBy,
      Instant createdAt,
      Instant expiresAt,
      Instant decidedAt) {}

  @Override
  public String name() {
    return "organisation";
  }

  @Override
  public void write(ExportScope scope, BundleWriter bundle) throws IOException {
    long tenantId = scope.tenantId();
    Tenant t = em.find(Tenant.class, tenantId);
    if (t == null) {
      return;
    }
    bundle.items(
        "organisation.json",
        "organisation",
        Stream.of(
            new Organisation(
                t.getId(),
                t.getName(),
                t.getCountryCode(),
                t.getVatId(),
                t.getBillingEmail(),
                t.getResidency().countries(),
                t.getCreatedAt(),
                !moveConsent.givenBy(List.of(tenantId)).isEmpty(),
                blackouts.ofTenant(tenantId).stream()
                    .map(
                        w ->
                            new BlackoutItem(
                                w.weekdays().stream().map(Enum::name).toList(),
                                w.startText(),
                                w.endText()))
                    .toList())));
    bundle.items(
        "projects.json",
        "projects",
        em.createQuery(
                "select p from Project p where p.tenant.id = :t and (:p is null or p.id = :p)"
                    + " order by p.id",
                Project.class)
            .setParameter("t", tenantId)
            .setParameter("p", scope.projectId())
            .getResultStream()
            .map(
                p ->
                    new ProjectItem(p.getId(), p.getName(), p.getDescription(), p.getCreatedAt())));
    List<Membership> memberships =
        em
            .createQuery(
                "select distinct m from Membership m left join fetch m.projects"
                    + " left join fetch m.adminOf where m.tenant.id = :t order by m.id",
                Membership.class)
            .setParameter("t", tenantId)
            .getResultList()
            .stream()
            // A project's bundle: the people of that project.
            .filter(m -> scope.wholeTenant() || ids(m.projects()).contains(scope.projectId()))
            .toList();
    Map<String, UserAccount> people =
        accounts.bySubject(memberships.stream().map(Membership::getUserSubject).toList());
    bundle.items(
        "members.json",
        "members",
        memberships.stream()
            .map(
                m -> {
                  UserAccount person = people.get(m.getUserSubject());
                  return new MemberItem(
                      m.getUserSubject(),
                      person == null ? null : person.displayName(),
                      person == null ? null : person.email(),
                      m.getRole().name(),
                      names(m.projects()),
                      names(m.adminOf()),
                      m.getGrantedBy() == null ? null : m.getGrantedBy().name(),
                      m.getCreatedAt());
                }));
    bundle.items(
        "membership-rules.json",
        "membership-rules",
        em.createQuery(
                // The organisation's rules: not in a project's bundle.
                "select r from MembershipRule r where r.tenant.id = :t and :whole = true"
                    + " order by r.id",
                MembershipRule.class)
            .setParameter("t", tenantId)
            .setParameter("whole", scope.wholeTenant())
            .getResultStream()
            .map(
                r ->
                    new RuleItem(
                        r.getKind().name(),
                        r.getMatchValue(),
                        r.getTrustedProviders().stream().sorted().toList(),
                        r.getRole().name(),
                        r.getCreatedBy(),
                        r.getCreatedAt())));
    bundle.items(
        "invitations.json",
        "invitations",
        em
            .createQuery(
                "select distinct i from Invitation i left join fetch i.projects"
                    + " where i.tenant.id = :t order by i.id",
                Invitation.class)
            .setParameter("t", tenantId)
            .getResultList()
            .stream()
            .filter(i -> scope.wholeTenant() || ids(i.projects()).contains(scope.projectId()))
            .map(
                i ->
                    new InvitationItem(
                        i.getEmail(),
                        i.getRole().name(),
                        names(i.projects()),
                        i.getStatus().name(),
                        i.getInvitedBy(),
                        i.getCreatedAt(),
                        i.getExpiresAt(),
                        i.getDecidedAt())));
  }

  private static java.util.Set<Long> ids(Collection<Project> projects) {
    return projects.stream().map(Project::getId).collect(java.util.stream.Collectors.toSet());
  }

  private static List<String> names(Collection<Project> projects) {
    return projects.stream().map(Project::getName).sorted().toList();
  }
}
