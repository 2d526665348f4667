package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.tenancy.TeamViews.Member;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeamViewsTest {

  private static Member member(String name, String email, boolean serviceAccount) {
    return new Member(
        1, name, email, TenantRole.MEMBER, List.of(), Instant.EPOCH, false, serviceAccount);
  }

  @Test
  void aPersonIsChosenByNameAndAddress() {
    assertThat(member("Ada Lovelace", "ada@example.org", false).choiceLabel("service account"))
        .isEqualTo("Ada Lovelace (ada@example.org)");
  }

  @Test
  void aServiceAccountSaysWhatItIsInsteadOfAnEmptyAddress() {
    assertThat(member("ci-deployer", null, true).choiceLabel("compte de service"))
        .isEqualTo("ci-deployer (compte de service)");
  }

  @Test
  void someoneWithoutAnAddressIsShownByNameAlone() {
    assertThat(member("sub-1234", null, false).choiceLabel("service account"))
        .isEqualTo("sub-1234");
    assertThat(member("Bo", " ", false).choiceLabel("service account")).isEqualTo("Bo");
  }
}
