package eu.federa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountConsoleTest {

  @Test
  void theRealmsAccountPagesWithTheWayBackToThePortal() {
    assertThat(
            AccountConsole.address(
                "https://login.example.eu/realms/federa/",
                "federa-portal",
                "https://cloud.example.eu/profile.xhtml?tab=1&x=a b"))
        .isEqualTo(
            "https://login.example.eu/realms/federa/account/?referrer=federa-portal"
                + "&referrer_uri=https%3A%2F%2Fcloud.example.eu%2Fprofile.xhtml%3Ftab%3D1%26x%3Da+b");
  }
}
