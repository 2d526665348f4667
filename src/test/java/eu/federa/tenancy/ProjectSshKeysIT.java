package eu.federa.tenancy;

import static eu.federa.testsupport.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.TeamFixture;
import eu.federa.testsupport.TestSshKeys;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #23: a project's SSH keys, kept by its tenant's admins, seen by its members. */
class ProjectSshKeysIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ProjectSshKeys keys;
  @Inject TeamProjects teamProjects;
  @Inject TeamFixture fixture;

  private AuthenticatedUser admin;
  private long tenantId;
  private long projectId;

  @BeforeEach
  void tenantWithAProject() {
    String domain = "keys-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
    admin = fixture.person("Kira", domain);
    tenantId = fixture.tenantOf(admin, "Keys Test " + UUID.randomUUID());
    fixture.as(admin);
    projectId = teamProjects.createProject(tenantId, "Ops", "Shared keys");
  }

  private AuthenticatedUser member() {
    return fixture.memberOf(tenantId, "Max", "keys.example");
  }

  @Test
  void adminsKeepTheKeysMembersSeeAndUseThem() {
    long id = keys.add(tenantId, projectId, "deploy bot", TestSshKeys.ED25519);
    refused(
        () -> keys.add(tenantId, projectId, "again", TestSshKeys.ED25519),
        "publicKey",
        "sshkey.error.projectDuplicate");
    refused(
        () -> keys.add(tenantId, projectId, "DEPLOY BOT", TestSshKeys.RSA_3072),
        "name",
        "sshkey.error.name");

    fixture.as(member());
    assertThat(keys.list(tenantId, projectId))
        .extracting(k -> k.name())
        .containsExactly("deploy bot");
    assertThat(keys.linesFor(tenantId, projectId, List.of(id)))
        .containsExactly(TestSshKeys.ED25519);
    assertThatThrownBy(() -> keys.add(tenantId, projectId, "mine", TestSshKeys.RSA_3072))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> keys.remove(tenantId, projectId, id))
        .isInstanceOf(AccessDeniedException.class);
    // A project key is for orders in its project only.
    refused(() -> keys.linesFor(tenantId, null, List.of(id)), "sshKeys", "order.error.projectKey");

    fixture.as(admin);
    keys.remove(tenantId, projectId, id);
    assertThat(keys.list(tenantId, projectId)).isEmpty();
    assertThatThrownBy(() -> keys.remove(tenantId, projectId, id))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anotherTenantsProjectAndKeysDoNotExistForItsAdmins() {
    long id = keys.add(tenantId, projectId, "ops", TestSshKeys.ED25519);
    AuthenticatedUser stranger = fixture.person("Sam", "elsewhere.example");
    long otherTenant = fixture.tenantOf(stranger, "Elsewhere " + UUID.randomUUID());
    fixture.as(stranger);
    long otherProject = teamProjects.createProject(otherTenant, "Ops", "");
    assertThatThrownBy(() -> keys.list(tenantId, projectId))
        .isInstanceOf(TenantNotFoundException.class);
    assertThatThrownBy(() -> keys.list(otherTenant, projectId))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> keys.remove(otherTenant, otherProject, id))
        .isInstanceOf(NotFoundException.class);
    refused(
        () -> keys.linesFor(otherTenant, otherProject, List.of(id)),
        "sshKeys",
        "order.error.projectKey");
    fixture.as(admin);
    assertThat(keys.list(tenantId, projectId)).hasSize(1);
  }
}
