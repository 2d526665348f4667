package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.validation.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvitationTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  private static Invitation invitation() {
    return new Invitation(
        null,
        " Sam.Weber@Nordlicht.example ",
        TenantRole.MEMBER,
        Set.of(),
        InvitationToken.hash("t"),
        "sub-admin",
        NOW,
        NOW.plus(Duration.ofDays(7)));
  }

  @Test
  void addressesCompareWithoutCaseOrSpaces() {
    Invitation invitation = invitation();
    assertThat(invitation.getEmail()).isEqualTo("sam.weber@nordlicht.example");
    assertThat(invitation.isFor("SAM.WEBER@nordlicht.example")).isTrue();
    assertThat(invitation.isFor("sam@nordlicht.example")).isFalse();
    assertThat(invitation.isFor(null)).isFalse();
  }

  @Test
  void aLinkWorksOnce() {
    Invitation invitation = invitation();
    invitation.accept("sub-sam", NOW.plusSeconds(60));
    assertThatThrownBy(() -> invitation.accept("sub-sam", NOW.plusSeconds(120)))
        .isInstanceOf(ConflictException.class)
        .hasMessage("invitation.error.used");
  }

  @Test
  void aLinkExpiresAtItsDeadline() {
    Invitation invitation = invitation();
    assertThat(invitation.isOpen(NOW.plus(Duration.ofDays(7)).minusMillis(1))).isTrue();
    assertThat(invitation.isOpen(NOW.plus(Duration.ofDays(7)))).isFalse();
    assertThatThrownBy(() -> invitation.accept("sub-sam", NOW.plus(Duration.ofDays(8))))
        .hasMessage("invitation.error.expired");
  }

  @Test
  void aRevokedLinkCannotBeAcceptedOrRevokedAgain() {
    Invitation invitation = invitation();
    invitation.revoke(NOW);
    assertThatThrownBy(() -> invitation.accept("sub-sam", NOW))
        .hasMessage("invitation.error.revoked");
    assertThatThrownBy(() -> invitation.revoke(NOW)).hasMessage("invitation.error.notPending");
  }

  @Test
  void tokensAreLongRandomAndStoredOnlyAsTheirHash() {
    String a = InvitationToken.generate();
    String b = InvitationToken.generate();
    assertThat(a).hasSize(43).isNotEqualTo(b);
    assertThat(InvitationToken.wellFormed(a)).isTrue();
    assertThat(InvitationToken.wellFormed("short")).isFalse();
    assertThat(InvitationToken.wellFormed(null)).isFalse();
    assertThat(InvitationToken.hash(a))
        .hasSize(64)
        .isEqualTo(InvitationToken.hash(a))
        .isNotEqualTo(a);
  }
}
