package eu.federa.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardTest {

  @Test
  void onlyAPartnerUserWithoutTenantOrRequestIsSentToOnboarding() {
    assertThat(Dashboard.needsAnOrganisation(true, false, false)).isTrue();
    assertThat(Dashboard.needsAnOrganisation(true, true, false)).as("a member").isFalse();
    assertThat(Dashboard.needsAnOrganisation(true, false, true)).as("request waiting").isFalse();
    assertThat(Dashboard.needsAnOrganisation(false, false, false))
        .as("a user of the portal's own realm sees the dashboard and its onboarding link")
        .isFalse();
  }
}
