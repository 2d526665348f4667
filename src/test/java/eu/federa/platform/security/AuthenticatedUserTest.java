package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticatedUserTest {

  @Test
  void usernameStandsInForAMissingName() {
    AuthenticatedUser user = new AuthenticatedUser("sub-1", "mia", null, " ", null, null);

    assertThat(user.displayName()).isEqualTo("mia");
    assertThat(user.givenName()).isEqualTo("mia");
  }

  @Test
  void givenNameFallsBackToTheFullName() {
    AuthenticatedUser user = new AuthenticatedUser("sub-1", "mia", null, "Mia Schmidt", "", null);

    assertThat(user.givenName()).isEqualTo("Mia Schmidt");
  }

  @Test
  void aUserWithoutSubjectIsRefused() {
    assertThatNullPointerException()
        .isThrownBy(() -> new AuthenticatedUser(null, "mia", null, null, null, null));
  }

  @Test
  void theEmailDomainCountsOnlyWhenTheIdentityProviderVerifiedTheAddress() {
    AuthenticatedUser verified =
        new AuthenticatedUser(
            "s", "u", "Pat@Nordlicht.EXAMPLE", null, null, "partner", true, List.of());
    assertThat(verified.verifiedEmailDomain()).isEqualTo("nordlicht.example");
    assertThat(
            new AuthenticatedUser("s", "u", "pat@nordlicht.example", null, null, null)
                .verifiedEmailDomain())
        .isEmpty();
    assertThat(
            new AuthenticatedUser("s", "u", null, null, null, null, true, null)
                .verifiedEmailDomain())
        .isEmpty();
  }
}
