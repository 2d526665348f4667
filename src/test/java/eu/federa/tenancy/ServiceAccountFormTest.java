package eu.federa.tenancy;

import static eu.federa.testsupport.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.security.BearerSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceAccountFormTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  private static ServiceAccountForm form(String name, String role, Instant expires) {
    return new ServiceAccountForm(name, role, Set.of(), expires);
  }

  @Test
  void aMemberBillingOrViewerAccountOfAYearAtMostIsAccepted() {
    assertThat(form("deploy", "member", NOW.plus(Duration.ofDays(366))).check(NOW))
        .isEqualTo(TenantRole.MEMBER);
    assertThat(form("invoices", "BILLING", NOW.plusSeconds(1)).check(NOW))
        .isEqualTo(TenantRole.BILLING);
    assertThat(form("reports", "VIEWER", NOW.plusSeconds(3600)).check(NOW))
        .isEqualTo(TenantRole.VIEWER);
  }

  @Test
  void administrationStaysWithPeople() {
    refused(
        () -> form("boss", "TENANT_ADMIN", NOW.plusSeconds(60)).check(NOW),
        "role",
        "serviceAccount.error.role");
    refused(
        () -> form("x", "ROOT", NOW.plusSeconds(60)).check(NOW),
        "role",
        "serviceAccount.error.role");
    refused(
        () -> form("x", null, NOW.plusSeconds(60)).check(NOW), "role", "serviceAccount.error.role");
    // what the pages offer is what the form accepts
    assertThat(TenantRole.serviceAccountRoles())
        .containsExactly(TenantRole.MEMBER, TenantRole.BILLING, TenantRole.VIEWER);
  }

  @Test
  void theExpiryIsRequiredAheadAndWithinAYear() {
    refused(
        () -> form("x", "VIEWER", null).check(NOW),
        "expires",
        "serviceAccount.error.expiryMissing");
    refused(() -> form("x", "VIEWER", NOW).check(NOW), "expires", "serviceAccount.error.expiry");
    refused(
        () -> form("x", "VIEWER", NOW.plus(Duration.ofDays(366)).plusSeconds(1)).check(NOW),
        "expires",
        "serviceAccount.error.expiry");
  }

  @Test
  void theNameIsOneCleanLineOfAtMost80Characters() {
    refused(
        () -> form("", "VIEWER", NOW.plusSeconds(60)).check(NOW), "name", "{federa.text.required}");
    refused(
        () -> form("x".repeat(81), "VIEWER", NOW.plusSeconds(60)).check(NOW),
        "name",
        "{federa.text.length}");
    refused(
        () -> form("bot\u202eexe", "VIEWER", NOW.plusSeconds(60)).check(NOW),
        "name",
        "{federa.text.characters}");
  }

  @Test
  void aTokenSaysItIsAServiceAccountsAndIsNoGatewayKey() {
    BearerSecret token = BearerSecret.generate(BearerSecret.SERVICE_ACCOUNT);
    assertThat(token.value()).startsWith("fsa-").hasSize(47);
    assertThat(BearerSecret.wellFormed(token.value(), BearerSecret.SERVICE_ACCOUNT)).isTrue();
    assertThat(BearerSecret.wellFormed(token.value(), BearerSecret.API_KEY)).isFalse();
    assertThat(
            BearerSecret.wellFormed(
                BearerSecret.generate(BearerSecret.API_KEY).value(), BearerSecret.SERVICE_ACCOUNT))
        .isFalse();
  }

  @Test
  void aServiceAccountsSubjectCannotBeAPersons() {
    ServiceAccount account = new ServiceAccount(1, "bot", "h", "p", "me", NOW, NOW.plusSeconds(60));
    assertThat(account.getSubject()).startsWith(ServiceAccount.SUBJECT_START);
    assertThat(account.works(NOW)).isTrue();
    assertThat(account.works(NOW.plusSeconds(60))).isFalse();
    account.revoke("me", NOW);
    assertThat(account.works(NOW)).isFalse();
  }
}
