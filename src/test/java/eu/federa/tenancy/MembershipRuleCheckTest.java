package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.validation.FieldError;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipRuleCheckTest {

  private static final Set<String> LOCAL = Set.of(RuleKind.LOCAL_ACCOUNTS);

  private static AuthenticatedUser user(
      String email, boolean verified, String idp, List<String> groups) {
    return new AuthenticatedUser("s", "u", email, "U", "U", idp, verified, groups);
  }

  @Test
  void domainRulesMatchVerifiedAddressesOnlyWithoutCase() {
    AuthenticatedUser verified = user("Pat@Nordlicht.Example", true, null, List.of());
    assertThat(RuleKind.EMAIL_DOMAIN.matches("nordlicht.example", LOCAL, verified)).isTrue();
    assertThat(RuleKind.EMAIL_DOMAIN.matches("other.example", LOCAL, verified)).isFalse();
    assertThat(
            RuleKind.EMAIL_DOMAIN.matches(
                "nordlicht.example", LOCAL, user("pat@nordlicht.example", false, null, List.of())))
        .isFalse();
  }

  @Test
  void domainAndGroupClaimsCountOnlyFromTheProvidersTheRuleTrusts() {
    AuthenticatedUser viaPartner =
        user("mallory@acme-analytics.example", true, "partner", List.of("acme-admins"));
    assertThat(RuleKind.EMAIL_DOMAIN.matches("acme-analytics.example", LOCAL, viaPartner))
        .isFalse();
    assertThat(RuleKind.GROUP.matches("acme-admins", LOCAL, viaPartner)).isFalse();
    assertThat(
            RuleKind.EMAIL_DOMAIN.matches("acme-analytics.example", Set.of("partner"), viaPartner))
        .isTrue();
  }

  @Test
  void identityProviderAndGroupRulesMatchExactly() {
    AuthenticatedUser user = user(null, false, "partner", List.of("research", "ops"));
    assertThat(RuleKind.IDENTITY_PROVIDER.matches("partner", Set.of(), user)).isTrue();
    assertThat(RuleKind.IDENTITY_PROVIDER.matches("Partner", Set.of(), user)).isFalse();
    assertThat(RuleKind.GROUP.matches("ops", Set.of("partner"), user)).isTrue();
    assertThat(RuleKind.GROUP.matches("admins", Set.of("partner"), user)).isFalse();
  }

  @Test
  void formsNeedAKindAValueOfTheRightShapeAndARole() {
    assertThat(MembershipRules.check(new MembershipRuleForm(null, "", null, null, null)))
        .extracting(FieldError::messageKey)
        .containsExactlyInAnyOrder("rules.error.kind", "{federa.text.required}", "team.error.role");
    assertThat(
            MembershipRules.check(
                new MembershipRuleForm("EMAIL_DOMAIN", "nordlicht", 1L, "MEMBER", "local")))
        .extracting(FieldError::messageKey)
        .containsExactly("rules.error.domain");
    assertThat(
            MembershipRules.check(
                new MembershipRuleForm("GROUP", "x".repeat(256), 1L, "MEMBER", "local")))
        .extracting(FieldError::messageKey)
        .containsExactly("{federa.text.length}");
    // A value with a control character is refused by the same constraint as other texts.
    assertThat(
            MembershipRules.check(
                new MembershipRuleForm("GROUP", "ops\u0000", 1L, "MEMBER", "local")))
        .extracting(FieldError::messageKey)
        .containsExactly("{federa.text.characters}");
    assertThat(
            MembershipRules.check(
                new MembershipRuleForm(
                    "EMAIL_DOMAIN", "sub.nordlicht-research.example", 1L, "viewer", "partner")))
        .isEmpty();
  }
}
