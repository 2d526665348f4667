package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Partner users land in their tenant at sign-in through the rules platform admins manage. */
class MembershipRulesIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject MembershipRules rules;
  @Inject TeamMembers teamMembers;
  @Inject TeamInvitations teamInvitations;
  @Inject TenantAccess access;
  @Inject TeamFixture fixture;
  @Inject InvitationService invitations;

  private static final AuthenticatedUser ADMIN = PlatformAdminCaller.user;

  @AfterEach
  void restore() {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
  }

  private static void asPlatformAdmin() {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
  }

  private static AuthenticatedUser partnerUser(
      String domain, boolean verified, String idp, List<String> groups) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    return new AuthenticatedUser(
        "sub-" + id,
        "p-" + id,
        "p-" + id + "@" + domain,
        "Partner " + id,
        "P",
        idp,
        verified,
        groups);
  }

  private static String domain() {
    return "org-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }

  @Test
  void rulesPlaceUsersByVerifiedDomainIdentityProviderOrGroupWithTheStrongestRole() {
    AuthenticatedUser owner = fixture.person("Owner", domain());
    long tenantId = fixture.tenantOf(owner, "Gamma Research SRL");
    String domain = domain();
    String group = "g-" + UUID.randomUUID().toString().substring(0, 6);
    asPlatformAdmin();
    rules.create(
        new MembershipRuleForm(
            "EMAIL_DOMAIN", domain.toUpperCase(), tenantId, "VIEWER", "partner"));
    rules.create(new MembershipRuleForm("GROUP", group, tenantId, "BILLING", "partner"));

    AuthenticatedUser byDomain = partnerUser(domain, true, "partner", List.of());
    fixture.signIn(byDomain);
    assertThat(access.mine())
        .singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(TenantRole.VIEWER));

    AuthenticatedUser both = partnerUser(domain, true, "partner", List.of(group));
    fixture.signIn(both);
    assertThat(access.mine())
        .singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(TenantRole.BILLING));

    AuthenticatedUser unverified = partnerUser(domain, false, "partner", List.of());
    fixture.signIn(unverified);
    assertThat(access.mine()).isEmpty();

    // Signing in again changes nothing.
    fixture.signIn(byDomain);
    assertThat(access.mine()).hasSize(1);
    assertThat(fixture.countAudit(tenantId, "MEMBERSHIP_BY_RULE", "SUCCESS")).isEqualTo(2);
  }

  /**
   * Issue #13, finding 3: a partner identity provider asserted a verified address in another
   * organisation's domain and its user joined that organisation. A domain or group rule takes the
   * word of the identity providers it names only.
   */
  @Test
  void anAddressOrGroupAssertedByAnUntrustedIdentityProviderNeverMatches() {
    AuthenticatedUser owner = fixture.person("Owner", domain());
    long tenantId = fixture.tenantOf(owner, "Epsilon Analytics SE");
    String domain = domain();
    String group = "g-" + UUID.randomUUID().toString().substring(0, 6);
    asPlatformAdmin();
    rules.create(new MembershipRuleForm("EMAIL_DOMAIN", domain, tenantId, "MEMBER", "local"));
    rules.create(new MembershipRuleForm("GROUP", group, tenantId, "TENANT_ADMIN", "corp-idp"));

    // Another organisation's identity provider says "verified, in your domain, in your group".
    fixture.signIn(partnerUser(domain, true, "partner", List.of(group)));
    assertThat(access.mine()).isEmpty();
    // The portal's own account with that address joins; so does the trusted provider's group.
    fixture.signIn(partnerUser(domain, true, null, List.of()));
    assertThat(access.mine())
        .singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(TenantRole.MEMBER));
    fixture.signIn(partnerUser(domain(), true, "corp-idp", List.of(group)));
    assertThat(access.mine())
        .singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(TenantRole.TENANT_ADMIN));
    // A rule that trusts nobody is refused.
    asPlatformAdmin();
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                rules.create(
                    new MembershipRuleForm("EMAIL_DOMAIN", domain(), tenantId, "MEMBER", " ")));
    assertThat(e.errors())
        .extracting(FieldError::messageKey)
        .contains("rules.error.trustedRequired");
  }

  /**
   * Issue #13, finding 4: rules used to only ever grant. A membership a rule granted ends at the
   * first sign-in at which no rule grants it any more, with an audit entry; one the tenant gave by
   * invitation stays, even for someone a rule had let in first.
   */
  @Test
  void aRuleGrantedMembershipEndsWhenTheRuleNoLongerMatchesAndNoOtherDoes() {
    AuthenticatedUser owner = fixture.person("Owner", domain());
    long tenantId = fixture.tenantOf(owner, "Zeta Compute GmbH");
    String group = "g-" + UUID.randomUUID().toString().substring(0, 6);
    asPlatformAdmin();
    rules.create(new MembershipRuleForm("GROUP", group, tenantId, "MEMBER", "partner"));

    String domain = domain();
    AuthenticatedUser inGroup = partnerUser(domain, true, "partner", List.of(group));
    fixture.signIn(inGroup);
    assertThat(access.mine()).singleElement();
    // The partner removed the user from the group; same person, same subject, next sign-in.
    AuthenticatedUser leftGroup = withGroups(inGroup, List.of());
    fixture.signIn(leftGroup);
    assertThat(access.mine()).isEmpty();
    assertThat(fixture.countAudit(tenantId, "MEMBERSHIP_RULE_ENDED", "SUCCESS")).isEqualTo(1);
    // Back in the group: the rule lets them in again (they did not leave on their own).
    fixture.signIn(inGroup);
    assertThat(access.mine()).singleElement();

    // Someone a rule let in and the tenant then invited keeps the membership without the rule.
    AuthenticatedUser invited = partnerUser(domain, true, "partner", List.of(group));
    fixture.as(owner);
    teamInvitations.invite(
        tenantId, new InvitationForm(invited.email(), "VIEWER", List.of()), "http://portal");
    fixture.signIn(invited);
    assertThat(access.mine()).singleElement();
    invitations.accept(fixture.tokenSentTo(invited.email()));
    fixture.signIn(withGroups(invited, List.of()));
    assertThat(access.mine()).singleElement();
    // The owner who onboarded the tenant is never a rule's to remove.
    fixture.signIn(owner);
    assertThat(access.mine()).singleElement();
    assertThat(fixture.countAudit(tenantId, "MEMBERSHIP_RULE_ENDED", "SUCCESS")).isEqualTo(1);
  }

  private static AuthenticatedUser withGroups(AuthenticatedUser user, List<String> groups) {
    return new AuthenticatedUser(
        user.subject(),
        user.username(),
        user.email(),
        user.displayName(),
        user.givenName(),
        user.identityProvider(),
        true,
        groups);
  }

  @Test
  void aRemovedMemberIsNotAddedBackByTheRule() {
    AuthenticatedUser owner = fixture.person("Owner", domain());
    long tenantId = fixture.tenantOf(owner, "Delta Systems AB");
    String idp = "idp-" + UUID.randomUUID().toString().substring(0, 6);
    asPlatformAdmin();
    rules.create(new MembershipRuleForm("IDENTITY_PROVIDER", idp, tenantId, "MEMBER", null));

    AuthenticatedUser user = partnerUser(domain(), true, idp, List.of());
    fixture.signIn(user);
    assertThat(access.mine()).hasSize(1);

    fixture.as(owner);
    long membership =
        teamMembers.members(tenantId).stream()
            .filter(m -> m.displayName().equals(user.displayName()))
            .findFirst()
            .orElseThrow()
            .id();
    teamMembers.removeMember(tenantId, membership);

    fixture.signIn(user);
    assertThat(access.mine()).isEmpty();
  }

  @Test
  void badRulesAreRefusedAndOnlyPlatformAdminsManageThem() {
    asPlatformAdmin();
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> rules.create(new MembershipRuleForm("COLOUR", " ", 987654L, "KING", null)));
    assertThat(e.errors())
        .extracting(FieldError::messageKey)
        .containsExactlyInAnyOrder(
            "rules.error.kind", "{federa.text.required}", "team.error.role", "rules.error.tenant");
    e =
        assertThrows(
            InvalidInputException.class,
            () ->
                rules.create(
                    new MembershipRuleForm(
                        "EMAIL_DOMAIN", "not a domain", null, "MEMBER", "local")));
    assertThat(e.errors()).extracting(FieldError::messageKey).contains("rules.error.domain");

    AuthenticatedUser owner = fixture.person("Owner", domain());
    long tenantId = fixture.tenantOf(owner, "Epsilon Data BV");
    assertThatThrownBy(
            () -> rules.create(new MembershipRuleForm("GROUP", "x", tenantId, "MEMBER", "local")))
        .isInstanceOf(AccessDeniedException.class);
    asPlatformAdmin();
    long id = rules.create(new MembershipRuleForm("GROUP", "dup", tenantId, "MEMBER", "local"));
    e =
        assertThrows(
            InvalidInputException.class,
            () ->
                rules.create(new MembershipRuleForm("GROUP", "dup", tenantId, "VIEWER", "local")));
    assertThat(e.errors())
        .extracting(FieldError::messageKey)
        .containsExactly("rules.error.duplicate");
    // Listed a page at a time, by organisation, kind and value.
    long second =
        rules.create(new MembershipRuleForm("GROUP", "a-team", tenantId, "VIEWER", "local"));
    List<MembershipRules.Line> all = rules.page(0, 500).rows();
    assertThat(all)
        .filteredOn(r -> r.tenantName().equals("Epsilon Data BV"))
        .extracting(MembershipRules.Line::matchValue)
        .containsSubsequence("a-team", "dup");
    var firstOnly = rules.page(0, 1);
    assertThat(firstOnly.rows()).containsExactly(all.get(0));
    assertThat(firstOnly.total()).isEqualTo(all.size());
    rules.delete(second);
    rules.delete(id);
    assertThat(rules.page(0, 500).rows()).noneMatch(r -> r.id() == id);
  }
}
