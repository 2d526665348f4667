package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.testsupport.AdjustableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #15: the exit's timeline rules (Data Act Art. 25), moved through with a clock. */
class ExitRequestTest {

  private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-01T10:00:00Z"));

  private ExitRequest request(Instant start, ExitDestination to) {
    return new ExitRequest(
        7, "sub-ada", clock.instant(), to, null, start, BigDecimal.ZERO, Duration.ofDays(30));
  }

  private ExitRequest startingIn(Duration d) {
    return request(clock.instant().plus(d), ExitDestination.OTHER_CLOUD);
  }

  @Test
  void theNoticeIsAtMostTwoMonthsAndNotInThePast() {
    assertThat(startingIn(Duration.ofDays(61)).getTransitionStartsAt())
        .isEqualTo(Instant.parse("2027-01-31T10:00:00Z"));
    assertThatThrownBy(
            () -> request(Instant.parse("2027-02-01T10:00:01Z"), ExitDestination.OTHER_CLOUD))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).errors().get(0).messageKey())
                    .isEqualTo("exit.error.noticeTooLong"));
    assertThatThrownBy(() -> startingIn(Duration.ofDays(-3)))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).errors().get(0).messageKey())
                    .isEqualTo("exit.error.startPast"));
    // Earlier today means now.
    assertThat(startingIn(Duration.ofHours(-2)).getTransitionStartsAt()).isEqualTo(clock.instant());
  }

  @Test
  void theTimelineRunsNoticeTransitionRetrievalErasureAtItsDeadlines() {
    ExitRequest e = startingIn(Duration.ofDays(10));
    assertThat(e.getPhase()).isEqualTo(ExitPhase.NOTICE);
    assertThat(e.getTransitionEndsAt())
        .isEqualTo(e.getTransitionStartsAt().plus(Duration.ofDays(30)));
    assertThat(e.getRetrievalEndsAt()).isEqualTo(e.getTransitionEndsAt().plus(Duration.ofDays(30)));
    assertThat(e.due(clock.instant())).isFalse();

    clock.advance(Duration.ofDays(10));
    assertThat(e.due(clock.instant())).isTrue();
    e.claimed("c1", clock.instant().plusSeconds(60));
    assertThat(e.due(clock.instant())).as("held by a worker").isFalse();
    e.transitionStarted();
    assertThat(e.getPhase()).isEqualTo(ExitPhase.TRANSITION);
    assertThat(e.due(clock.instant())).as("next deadline: the transition's end").isFalse();
    assertThat(e.getNextActionAt()).isEqualTo(e.getTransitionEndsAt());

    clock.advance(Duration.ofDays(30));
    assertThat(e.due(clock.instant())).isTrue();
    e.transitionEnded(clock.instant());
    assertThat(e.getPhase()).isEqualTo(ExitPhase.RETRIEVAL);
    assertThat(e.getStep()).isEqualTo(ExitStep.EXPORT);
    e.finalExportAsked(5, clock.instant());
    e.finalExportDone(clock.instant());
    assertThat(e.getStep()).isEqualTo(ExitStep.ENDING);
    e.servicesEnded();
    assertThat(e.getStep()).isEqualTo(ExitStep.WINDOW);
    assertThat(e.due(clock.instant())).isFalse();

    clock.advance(Duration.ofDays(30));
    assertThat(e.due(clock.instant())).isTrue();
    e.erasureStarted(List.of("sub-ada", "sub-bo"), clock.instant());
    assertThat(e.formerAdmin("sub-bo")).isTrue();
    assertThat(e.formerAdmin("sub-b")).isFalse();
    e.next(ExitStep.PROVIDERS, clock.instant());
    e.retryAt(Reason.keyed("exit.reason.providersBusy"), clock.instant().plusSeconds(20));
    assertThat(e.getStepAttempts()).isEqualTo(1);
    assertThat(e.getReason().english()).startsWith("Some objects at a provider are still in use");
    e.next(ExitStep.FEDERA, clock.instant());
    assertThat(e.getStepAttempts()).isZero();
    e.erased(clock.instant());
    assertThat(e.getPhase()).isEqualTo(ExitPhase.ERASED);
    assertThat(e.due(clock.instant().plus(Duration.ofDays(999)))).isFalse();
  }

  @Test
  void eraseOnlyHasNoRetrievalWindowAndNoExport() {
    ExitRequest e = request(clock.instant(), ExitDestination.ERASE_ONLY);
    assertThat(e.isExportWanted()).isFalse();
    assertThat(e.getRetrievalEndsAt()).isEqualTo(e.getTransitionEndsAt());
    e.transitionStarted();
    e.transitionEnded(clock.instant());
    assertThat(e.getStep()).isEqualTo(ExitStep.ENDING);
    assertThat(ExitView.of(e, false).timeline())
        .extracting(ExitView.Phase::phase)
        .containsExactly(ExitPhase.NOTICE, ExitPhase.TRANSITION, ExitPhase.ERASING);
  }

  @Test
  void theTenantExtendsOnceByAtMostThirtyDaysAndTheWindowMovesWithIt() {
    ExitRequest e = startingIn(Duration.ZERO);
    e.transitionStarted();
    Instant end = e.getTransitionEndsAt();
    assertThatThrownBy(() -> e.extend(end.plus(Duration.ofDays(31)), clock.instant()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> e.extend(end, clock.instant()))
        .isInstanceOf(InvalidInputException.class);
    e.extend(end.plus(Duration.ofDays(30)), clock.instant());
    assertThat(e.getTransitionEndsAt()).isEqualTo(end.plus(Duration.ofDays(30)));
    assertThat(e.getRetrievalEndsAt()).isEqualTo(end.plus(Duration.ofDays(60)));
    assertThat(e.getNextActionAt()).isEqualTo(e.getTransitionEndsAt());
    assertThatThrownBy(() -> e.extend(end.plus(Duration.ofDays(40)), clock.instant()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("exit.error.extendedAlready");
  }

  @Test
  void aPlatformAdminMakesItLongerUpToSevenMonthsOnlyWithAJustification() {
    ExitRequest e = startingIn(Duration.ofDays(1));
    Instant sixMonths = e.getTransitionStartsAt().plus(Duration.ofDays(180));
    assertThatThrownBy(() -> e.justify(sixMonths, "too short", "olivia", clock.instant()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                e.justify(
                    e.getTransitionStartsAt().plus(Duration.ofDays(216)),
                    "The provider must copy 400 TB of disks through one link.",
                    "olivia",
                    clock.instant()))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            x ->
                assertThat(((InvalidInputException) x).errors().get(0).messageKey())
                    .isEqualTo("exit.error.justifiedTooLong"));
    e.justify(
        sixMonths,
        "The provider must copy 400 TB of disks through one link.",
        "olivia",
        clock.instant());
    assertThat(e.getTransitionEndsAt()).isEqualTo(sixMonths);
    assertThat(e.getJustification()).startsWith("The provider");
    // The tenant's own extension is still there, from the new end.
    e.extend(sixMonths.plus(Duration.ofDays(5)), clock.instant());
  }

  @Test
  void itIsCancelledOnlyBeforeTheTransitionEnds() {
    ExitRequest open = startingIn(Duration.ofDays(3));
    open.cancel("sub-ada", clock.instant());
    assertThat(open.getPhase()).isEqualTo(ExitPhase.CANCELLED);
    assertThat(open.due(clock.instant().plus(Duration.ofDays(90)))).isFalse();
    assertThatThrownBy(() -> open.cancel("sub-ada", clock.instant()))
        .isInstanceOf(ConflictException.class);

    ExitRequest late = startingIn(Duration.ZERO);
    late.transitionStarted();
    clock.advance(Duration.ofDays(30));
    assertThatThrownBy(() -> late.cancel("sub-ada", clock.instant()))
        .as("its end has come, even before the worker saw it")
        .isInstanceOf(ConflictException.class)
        .hasMessage("exit.error.transitionOver");
    late.transitionEnded(clock.instant());
    assertThatThrownBy(
            () -> late.extend(late.getTransitionEndsAt().plusSeconds(60), clock.instant()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void noSwitchingChargeIsTakenAndTheRegulationsDateIsKnown() {
    assertThat(ExitCharges.chargeFor(clock.instant())).isEqualByComparingTo("0.00");
    assertThat(ExitCharges.allowedAt(Instant.parse("2027-01-11T23:59:59Z"))).isTrue();
    assertThat(ExitCharges.allowedAt(Instant.parse("2027-01-12T00:00:00Z"))).isFalse();
  }
}
