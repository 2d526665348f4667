package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipRuleCheckTest {

  private static AuthenticatedUser user(
      String email, boolean verified, String idp, List<String> groups) {
    return new AuthenticatedUser("s", "u", email, "U", "U", idp, verified, groups);
  }

  @Test
  void domainRulesMatchVerifiedAddressesOnlyWithoutCase() {
    AuthenticatedUser verified = user("Pat@Nordlicht.Example", true, null, List.of());
    assertThat(RuleKind.EMAIL_DOMAIN.matches("nordlicht.example", verified)).isTrue();
    assertThat(RuleKind.EMAIL_DOMAIN.matches("other.example", verified)).isFalse();
    assertThat(
            RuleKind.EMAIL_DOMAIN.matches(
                "nordlicht.example", user("pat@nordlicht.example", false, null, List.of())))
        .isFalse();
  }

  @Test
  void identityProviderAndGroupRulesMatchExactly() {
    AuthenticatedUser user = user(null, false, "partner", List.of("research", "ops"));
    assertThat(RuleKind.IDENTITY_PROVIDER.matches("partner", user)).isTrue();
    assertThat(RuleKind.IDENTITY_PROVIDER.matches("Partner", user)).isFalse();
    assertThat(RuleKind.GROUP.matches("ops", user)).isTrue();
    assertThat(RuleKind.GROUP.matches("admins", user)).isFalse();
  }

  @Test
  void formsNeedAKindAValueOfTheRightShapeAndARole() {
    assertThat(MembershipRules.check(new MembershipRuleForm(null, "", null, null)))
        .extracting(FieldError::messageKey)
        .containsExactlyInAnyOrder("rules.error.kind", "form.error.required", "team.error.role");
    assertThat(
            MembershipRules.check(
                new MembershipRuleForm("EMAIL_DOMAIN", "nordlicht", 1L, "MEMBER")))
        .extracting(FieldError::messageKey)
        .containsExactly("rules.error.domain");
    assertThat(
            MembershipRules.check(new MembershipRuleForm("GROUP", "x".repeat(256), 1L, "MEMBER")))
        .extracting(FieldError::messageKey)
        .containsExactly("form.error.length");
    assertThat(
            MembershipRules.check(
                new MembershipRuleForm(
                    "EMAIL_DOMAIN", "sub.nordlicht-research.example", 1L, "viewer")))
        .isEmpty();
  }
}
