package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.portability.Exits;
import eu.federa.portability.Exports;
import eu.federa.tenancy.TenantAdministration.Entry;
import eu.federa.tenancy.TenantAdministration.Search;
import eu.federa.tenancy.TenantAdministration.Sort;
import eu.federa.tenancy.TenantAdministration.State;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue #24: the directory of organisations, and suspension: a suspended organisation's members
 * read, export and may leave, but not act; the suspension and its end are audited and mailed.
 */
class TenantSuspensionIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject TeamFixture fixture;
  @Inject TenantAdministration directory;
  @Inject TeamProjects projects;
  @Inject TeamMembers members;
  @Inject TeamInvitations invitations;
  @Inject Exports exports;
  @Inject Exits exits;

  private record Org(long id, String name, AuthenticatedUser admin) {}

  private Org org(String prefix) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    AuthenticatedUser admin = fixture.person("Sam", "suspend-" + suffix + ".example");
    String name = prefix + " " + suffix;
    return new Org(fixture.tenantOf(admin, name), name, admin);
  }

  private Entry entryOf(Org org) {
    PlatformAdminCaller.reset();
    List<Entry> found = directory.list(new Search(org.name(), null, false), 0, 10);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void aSuspendedOrganisationReadsExportsAndMayLeaveButCannotAct() {
    Org acme = org("Suspended Acme");
    fixture.as(acme.admin());
    long before = projects.createProject(acme.id(), "Before", "made before the suspension");
    assertThat(before).isPositive();

    PlatformAdminCaller.reset();
    directory.suspend(acme.id(), "Unpaid invoice 2026-10\nPlease contact billing.");

    fixture.as(acme.admin());
    assertThatThrownBy(() -> projects.createProject(acme.id(), "During", ""))
        .isInstanceOf(TenantSuspendedException.class);
    assertThat(members.members(acme.id())).hasSize(1);
    assertThat(invitations.invitations(acme.id())).isEmpty();
    assertThat(exports.request(acme.id()).id()).isPositive();
    assertThat(exits.quote(acme.id(), "ON_PREMISES", LocalDate.now().plusDays(1).toString()))
        .isNotNull();

    Entry suspended = entryOf(acme);
    assertThat(suspended.state()).isEqualTo(State.SUSPENDED);
    assertThat(suspended.suspendedReason()).startsWith("Unpaid invoice");
    assertThat(fixture.countAudit(acme.id(), "TENANT_SUSPENDED", "SUCCESS")).isEqualTo(1);
    String[] mail = fixture.lastMessageTo(acme.admin().email());
    assertThat(mail[0]).contains("is suspended");
    assertThat(mail[1]).contains("Unpaid invoice 2026-10");

    directory.resume(acme.id());
    assertThat(entryOf(acme).state()).isEqualTo(State.ACTIVE);
    assertThat(fixture.countAudit(acme.id(), "TENANT_RESUMED", "SUCCESS")).isEqualTo(1);
    assertThat(fixture.lastMessageTo(acme.admin().email())[0]).contains("can order again");
    fixture.as(acme.admin());
    assertThat(projects.createProject(acme.id(), "After", "")).isPositive();
  }

  @Test
  void aSuspensionNeedsAReasonAPlatformAdminAndAnActiveOrganisation() {
    Org acme = org("Suspension rules");
    PlatformAdminCaller.reset();
    assertThatThrownBy(() -> directory.suspend(acme.id(), "  "))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("reason"));
    assertThatThrownBy(() -> directory.suspend(acme.id(), "x".repeat(501)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> directory.resume(acme.id())).isInstanceOf(ConflictException.class);
    directory.suspend(acme.id(), "Abuse report 42");
    assertThatThrownBy(() -> directory.suspend(acme.id(), "again"))
        .isInstanceOf(ConflictException.class);
    assertThat(fixture.countAudit(acme.id(), "TENANT_SUSPENDED", "SUCCESS")).isEqualTo(1);

    fixture.as(acme.admin());
    assertThatThrownBy(() -> directory.resume(acme.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> directory.list(new Search(null, null, false), 0, 10))
        .isInstanceOf(AccessDeniedException.class);
    PlatformAdminCaller.reset();
    directory.resume(acme.id());
  }

  @Test
  void theDirectorySearchesSortsAndPagesInTheDatabase() {
    String tag = "Directory " + UUID.randomUUID().toString().substring(0, 6);
    Org small = org(tag + " Alpha");
    Org big = org(tag + " Beta");
    fixture.memberOf(big.id(), "Max", "directory-member.example");
    PlatformAdminCaller.reset();

    Search byName = new Search(tag, Sort.NAME, false);
    assertThat(directory.count(byName)).isEqualTo(2);
    assertThat(directory.list(byName, 0, 10))
        .extracting(Entry::id)
        .containsExactly(small.id(), big.id());
    assertThat(directory.list(new Search(tag, Sort.NAME, true), 0, 1))
        .extracting(Entry::id)
        .containsExactly(big.id());
    assertThat(directory.list(new Search(tag, Sort.NAME, false), 1, 1))
        .extracting(Entry::id)
        .containsExactly(big.id());
    assertThat(directory.list(new Search(tag, Sort.MEMBERS, true), 0, 10))
        .extracting(Entry::members)
        .containsExactly(2L, 1L);
    Entry alpha = directory.list(byName, 0, 1).get(0);
    assertThat(alpha.plan()).isNotBlank();
    assertThat(alpha.spendThisMonthEur()).isNotNull();
    // A search's wildcard characters are taken as written.
    assertThat(directory.count(new Search("%", null, false))).isZero();
    assertThat(directory.detail(big.id()).members()).hasSize(2);
  }
}
