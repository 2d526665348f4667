package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.audit.ChainCheck.SealedRow;
import eu.federa.audit.ChainVerification.Kind;
import eu.federa.audit.ChainVerification.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each way of tampering with the chain, on rows made for it. */
class ChainCheckTest {

  private static final Instant AT = Instant.parse("2026-11-30T10:15:30.123456Z");

  /** A chain of {@code n} events sealed as the sealer seals them. */
  private static List<SealedRow> chain(int n) {
    List<SealedRow> rows = new ArrayList<>();
    String previous = ChainHash.GENESIS;
    for (int i = 1; i <= n; i++) {
      String personal =
          ChainHash.personal("sub-" + i, "Ann " + i, "project p" + i, "10.0.0." + i, null);
      Long tenant = i % 3 == 0 ? null : 7L;
      String hash =
          ChainHash.link(
              previous, 100 + i, AT.plusSeconds(i), tenant, "PROJECT_CREATED", "SUCCESS", personal);
      rows.add(
          new SealedRow(
              i,
              100 + i,
              personal,
              hash,
              true,
              AT.plusSeconds(i),
              tenant,
              "PROJECT_CREATED",
              "SUCCESS",
              "sub-" + i,
              "Ann " + i,
              "project p" + i,
              "10.0.0." + i,
              null,
              false));
      previous = hash;
    }
    return rows;
  }

  private static ChainVerification check(List<SealedRow> rows) {
    ChainCheck check = new ChainCheck();
    rows.forEach(check::accept);
    SealedRow last = rows.get(rows.size() - 1);
    return check.finish(AT, last.seq(), last.hash(), 0);
  }

  private static List<SealedRow> changed(int index, UnaryOperator<SealedRow> change) {
    List<SealedRow> rows = new ArrayList<>(chain(5));
    rows.set(index, change.apply(rows.get(index)));
    return rows;
  }

  @Test
  void anUntouchedChainIsIntact() {
    ChainVerification result = check(chain(5));
    assertThat(result.intact()).isTrue();
    assertThat(result.sealed()).isEqualTo(5);
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void anAlteredEventIsFoundOnceAndTheRestStillChecks() {
    ChainVerification result =
        check(
            changed(
                2,
                r ->
                    new SealedRow(
                        r.seq(),
                        r.eventId(),
                        r.personalSha256(),
                        r.hash(),
                        true,
                        r.occurredAt(),
                        r.tenantId(),
                        "SIGN_IN",
                        r.outcome(),
                        r.actorSubject(),
                        r.actorName(),
                        r.target(),
                        r.clientAddress(),
                        r.detail(),
                        false)));
    assertThat(result.problems()).containsExactly(new Problem(Kind.EVENT_ALTERED, 3, 103L));
  }

  @Test
  void aMovedTimeOrTenantIsAnAlteration() {
    assertThat(
            check(
                    changed(
                        0,
                        r ->
                            new SealedRow(
                                r.seq(),
                                r.eventId(),
                                r.personalSha256(),
                                r.hash(),
                                true,
                                r.occurredAt().plusNanos(1000),
                                r.tenantId(),
                                r.action(),
                                r.outcome(),
                                r.actorSubject(),
                                r.actorName(),
                                r.target(),
                                r.clientAddress(),
                                r.detail(),
                                false)))
                .problems())
        .containsExactly(new Problem(Kind.EVENT_ALTERED, 1, 101L));
    assertThat(
            check(
                    changed(
                        1,
                        r ->
                            new SealedRow(
                                r.seq(),
                                r.eventId(),
                                r.personalSha256(),
                                r.hash(),
                                true,
                                r.occurredAt(),
                                8L,
                                r.action(),
                                r.outcome(),
                                r.actorSubject(),
                                r.actorName(),
                                r.target(),
                                r.clientAddress(),
                                r.detail(),
                                false)))
                .problems())
        .containsExactly(new Problem(Kind.EVENT_ALTERED, 2, 102L));
  }

  @Test
  void aChangedPersonalPartIsFoundUnlessItWasErased() {
    UnaryOperator<SealedRow> rename =
        r ->
            new SealedRow(
                r.seq(),
                r.eventId(),
                r.personalSha256(),
                r.hash(),
                true,
                r.occurredAt(),
                r.tenantId(),
                r.action(),
                r.outcome(),
                "pseudonym",
                "pseudonym",
                r.target(),
                null,
                r.detail(),
                false);
    assertThat(check(changed(3, rename)).problems())
        .containsExactly(new Problem(Kind.PERSONAL_ALTERED, 4, 104L));

    UnaryOperator<SealedRow> erase =
        r ->
            new SealedRow(
                r.seq(),
                r.eventId(),
                r.personalSha256(),
                r.hash(),
                true,
                r.occurredAt(),
                r.tenantId(),
                r.action(),
                r.outcome(),
                "pseudonym",
                "pseudonym",
                r.target(),
                null,
                r.detail(),
                true);
    ChainVerification erased = check(changed(3, erase));
    assertThat(erased.intact()).isTrue();
    assertThat(erased.erased()).isEqualTo(1);
  }

  @Test
  void aDeletedEventIsFound() {
    ChainVerification result =
        check(
            changed(
                1,
                r ->
                    new SealedRow(
                        r.seq(),
                        r.eventId(),
                        r.personalSha256(),
                        r.hash(),
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false)));
    assertThat(result.problems()).containsExactly(new Problem(Kind.EVENT_MISSING, 2, 102L));
  }

  @Test
  void aRemovedSealIsFound() {
    List<SealedRow> rows = new ArrayList<>(chain(5));
    rows.remove(2);
    assertThat(check(rows).problems()).containsExactly(new Problem(Kind.SEALS_MISSING, 4, null));
  }

  @Test
  void aChainCutShortOfItsHeadIsFound() {
    List<SealedRow> rows = chain(5);
    ChainCheck check = new ChainCheck();
    rows.subList(0, 4).forEach(check::accept);
    ChainVerification result = check.finish(AT, 5, rows.get(4).hash(), 0);
    assertThat(result.problems()).containsExactly(new Problem(Kind.END_ALTERED, 5, null));
  }

  @Test
  void aSealRewrittenToMatchAnAlteredEventBreaksTheNextLink() {
    List<SealedRow> rows = new ArrayList<>(chain(5));
    SealedRow r = rows.get(1);
    String forged =
        ChainHash.link(
            rows.get(0).hash(),
            r.eventId(),
            r.occurredAt(),
            r.tenantId(),
            "SIGN_IN",
            r.outcome(),
            r.personalSha256());
    rows.set(
        1,
        new SealedRow(
            r.seq(),
            r.eventId(),
            r.personalSha256(),
            forged,
            true,
            r.occurredAt(),
            r.tenantId(),
            "SIGN_IN",
            r.outcome(),
            r.actorSubject(),
            r.actorName(),
            r.target(),
            r.clientAddress(),
            r.detail(),
            false));
    assertThat(check(rows).problems()).containsExactly(new Problem(Kind.EVENT_ALTERED, 3, 103L));
  }

  @Test
  void fieldsCannotBeShiftedIntoEachOther() {
    assertThat(ChainHash.personal("ab", "c", null, null, null))
        .isNotEqualTo(ChainHash.personal("a", "bc", null, null, null));
    assertThat(ChainHash.personal(null, "", null, null, null))
        .isNotEqualTo(ChainHash.personal("", null, null, null, null));
  }
}
