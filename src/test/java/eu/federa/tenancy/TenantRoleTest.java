package eu.federa.tenancy;

import static eu.federa.tenancy.TenantPermission.MANAGE_TEAM;
import static eu.federa.tenancy.TenantPermission.ORDER;
import static eu.federa.tenancy.TenantPermission.READ_AUDIT;
import static eu.federa.tenancy.TenantPermission.SEE_BILLING;
import static eu.federa.tenancy.TenantPermission.VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TenantRoleTest {

  @Test
  void tenantAdminsMayDoEverything() {
    assertThat(TenantPermission.values()).allMatch(TenantRole.TENANT_ADMIN::allows);
  }

  @Test
  void membersOrderButDoNotSeeBillsOrManageTheTeam() {
    assertThat(TenantRole.MEMBER.allows(VIEW)).isTrue();
    assertThat(TenantRole.MEMBER.allows(ORDER)).isTrue();
    assertThat(TenantRole.MEMBER.allows(SEE_BILLING)).isFalse();
    assertThat(TenantRole.MEMBER.allows(MANAGE_TEAM)).isFalse();
    assertThat(TenantRole.MEMBER.allows(READ_AUDIT)).isFalse();
  }

  @Test
  void billingSeesBillsButOrdersNothing() {
    assertThat(TenantRole.BILLING.allows(SEE_BILLING)).isTrue();
    assertThat(TenantRole.BILLING.allows(ORDER)).isFalse();
  }

  @Test
  void viewersOnlyLook() {
    assertThat(Arrays.stream(TenantPermission.values()).filter(TenantRole.VIEWER::allows))
        .containsExactly(VIEW);
  }

  @Test
  void ofTwoGrantedRolesTheOneAllowingMoreWins() {
    assertThat(TenantRole.stronger(TenantRole.VIEWER, TenantRole.BILLING))
        .isEqualTo(TenantRole.BILLING);
    assertThat(TenantRole.stronger(TenantRole.TENANT_ADMIN, TenantRole.MEMBER))
        .isEqualTo(TenantRole.TENANT_ADMIN);
  }

  @Test
  void rolesParseWithoutCaseAndRefuseAnythingElse() {
    assertThat(TenantRole.parse(" viewer ")).contains(TenantRole.VIEWER);
    assertThat(TenantRole.parse("OWNER")).isEmpty();
    assertThat(TenantRole.parse(null)).isEmpty();
  }
}
