package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An organisation recreated from its export bundle (an import by a platform admin): the
 * organisation, its projects, its membership rules, and its people. A person keeps their membership
 * only where the subject in the bundle is known to be theirs: the bundle was made by this same
 * deployment (its identity provider named the subject) and the profile here has the same e-mail
 * address. Everyone else is invited again by e-mail with their role and projects, and joins by
 * accepting, signed in however this deployment lets them.
 */
@ApplicationScoped
public class TenantImports {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject UserAccountService accounts;
  @Inject TeamInvitations invitations;
  @Inject Event<TenantApproved> approved;
  @Inject AuditLog audit;
  @Inject MoveConsent moveConsent;
  @Inject BlackoutWindows blackouts;

  /**
   * The organisation as its bundle states it, with the name and VAT id it gets here, and its
   * settings for the platform's moves of its VMs (whether they may go to another provider, and its
   * blackout windows).
   */
  public record Organisation(
      String name,
      String countryCode,
      String vatId,
      String billingEmail,
      List<String> residency,
      boolean platformMovesAcross,
      List<TenancyExport.BlackoutItem> blackoutWindows) {}

  public record ProjectItem(String name, String description) {}

  /**
   * A member of the bundle: the subject their identity provider gave them, the address, the role,
   * and their projects by name (and those they are an admin of).
   */
  public record MemberItem(
      String subject, String email, String role, List<String> projects, List<String> adminOf) {}

  public record RuleItem(
      String kind, String matchValue, List<String> trustedProviders, String role) {}

  /** An invitation still open when the bundle was made: sent again. */
  public record InvitationItem(String email, String role, List<String> projects) {}

  /**
   * What was recreated.
   *
   * @param projects each project's id here, by name
   */
  /**
   * @param blackoutWindowsLeftOut the bundle's blackout windows not restored (not one the form
   *     would take, or beyond the most an organisation may have)
   */
  public record Recreated(
      long tenantId,
      Map<String, Long> projects,
      int joined,
      int invited,
      int blackoutWindowsLeftOut) {}

  /**
   * The VAT id is checked for the organisation's country and must not be an open organisation's
   * here (a closed one's may come back).
   *
   * @throws InvalidInputException for a malformed VAT id
   * @throws ConflictException when an open organisation here has it
   */
  @Transactional
  public void requireFree(String countryCode, String vatId) {
    VatId vat = parseVat(countryCode, vatId);
    Long holder =
        em.createQuery(
                "select t.id from Tenant t where t.vatId = :v and t.closedAt is null", Long.class)
            .setParameter("v", vat.value())
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (holder != null) {
      throw new ConflictException("import.error.vatTaken", vat.value(), holder);
    }
  }

  private static VatId parseVat(String countryCode, String vatId) {
    return VatId.parse(countryCode, vatId)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    FieldError.of("vatId", "import.error.vat", String.valueOf(vatId))));
  }

  /**
   * Recreates the organisation in the caller's transaction, approved with the default plan.
   *
   * @param subjectsAreOurs the bundle's subjects were named by this deployment's identity provider
   * @param importedBy the platform admin who loaded the bundle (recorded as the rules' author and
   *     the invitations' sender)
   * @param linkBase the portal's address, for the invitations' links
   * @throws ConflictException when an open organisation here has the VAT id
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Recreated recreate(
      Organisation org,
      List<ProjectItem> projects,
      List<MemberItem> members,
      List<RuleItem> rules,
      List<InvitationItem> open,
      boolean subjectsAreOurs,
      String importedBy,
      String linkBase) {
    requireFree(org.countryCode(), org.vatId());
    Instant now = clock.instant();
    Tenant tenant =
        new Tenant(
            org.name(),
            org.countryCode(),
            parseVat(org.countryCode(), org.vatId()),
            org.billingEmail() == null ? "" : org.billingEmail(),
            new Residency(org.residency()),
            now);
    try {
      em.persist(tenant);
      em.flush();
    } catch (jakarta.persistence.PersistenceException taken) {
      // Another import or onboarding took the VAT id since the check: the unique key says so.
      throw new ConflictException("import.error.vatTakenMeanwhile", tenant.getVatId());
    }
    Map<String, Project> byName = new HashMap<>();
    for (ProjectItem p : projects) {
      if (p.name() != null && !p.name().isBlank() && !byName.containsKey(p.name().trim())) {
        Project project = new Project(tenant, p.name(), p.description(), now);
        em.persist(project);
        byName.put(project.getName(), project);
      }
    }
    for (RuleItem r : rules) {
      RuleKind kind = parse(RuleKind.class, r.kind());
      TenantRole role = TenantRole.parse(r.role()).orElse(null);
      if (kind != null && role != null && r.matchValue() != null) {
        em.persist(
            new MembershipRule(
                kind,
                r.matchValue(),
                r.trustedProviders() == null ? List.of() : r.trustedProviders(),
                tenant,
                role,
                importedBy,
                now));
      }
    }
    if (org.platformMovesAcross()) {
      moveConsent.restore(tenant.getId());
    }
    List<TenancyExport.BlackoutItem> windows =
        org.blackoutWindows() == null ? List.of() : org.blackoutWindows();
    int windowsLeftOut = windows.size() - blackouts.restore(tenant.getId(), windows, importedBy);
    em.flush();
    approved.fire(new TenantApproved(tenant.getId(), null));
    Map<String, UserAccount> known =
        subjectsAreOurs
            ? accounts.bySubject(
                members.stream().map(MemberItem::subject).filter(Objects::nonNull).toList())
            : Map.of();
    int joined = 0;
    int invited = 0;
    Set<String> addressed = new HashSet<>();
    for (MemberItem m : members) {
      TenantRole role = TenantRole.parse(m.role()).orElse(null);
      if (role == null) {
        continue;
      }
      UserAccount person = m.subject() == null ? null : known.get(m.subject());
      if (person != null && sameAddress(person.email(), m.email())) {
        Membership membership =
            new Membership(
                tenant, m.subject(), person.displayName(), role, MembershipOrigin.IMPORT, now);
        membership.projects().addAll(projectsNamed(byName, m.projects()));
        // An admin of a project they work in.
        projectsNamed(byName, m.adminOf()).stream()
            .filter(membership.projects()::contains)
            .forEach(membership.adminOf()::add);
        em.persist(membership);
        if (m.email() != null) {
          addressed.add(m.email().toLowerCase(Locale.ROOT));
        }
        joined++;
      } else if (m.email() != null && addressed.add(m.email().toLowerCase(Locale.ROOT))) {
        invitations.send(
            tenant, m.email(), role, projectsNamed(byName, m.projects()), importedBy, linkBase);
        invited++;
      }
    }
    em.flush();
    for (InvitationItem i : open) {
      TenantRole role = TenantRole.parse(i.role()).orElse(null);
      if (role != null
          && i.email() != null
          && addressed.add(i.email().toLowerCase(Locale.ROOT))
          && !invitations.memberOrInvited(tenant.getId(), i.email())) {
        invitations.send(
            tenant, i.email(), role, projectsNamed(byName, i.projects()), importedBy, linkBase);
        invited++;
      }
    }
    audit.bySystem(
        AuditAction.TENANT_IMPORTED,
        tenant.getId(),
        tenant.getName(),
        AuditDetail.IMPORTED.text(byName.size(), joined, invited));
    Map<String, Long> ids = new HashMap<>();
    byName.forEach((name, p) -> ids.put(name, p.getId()));
    return new Recreated(tenant.getId(), ids, joined, invited, windowsLeftOut);
  }

  private static boolean sameAddress(String here, String there) {
    return here != null && there != null && here.equalsIgnoreCase(there);
  }

  private static Set<Project> projectsNamed(Map<String, Project> byName, List<String> names) {
    Set<Project> found = new HashSet<>();
    for (String name : names == null ? List.<String>of() : names) {
      Project p = byName.get(name == null ? "" : name.trim());
      if (p != null) {
        found.add(p);
      }
    }
    return found;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name) {
    try {
      return name == null ? null : Enum.valueOf(type, name);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
