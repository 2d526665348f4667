package eu.federa.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a node keeps of reference data, and when it reads it again. */
class RevisionCacheTest {

  private static final Instant NOON = Instant.parse("2026-12-05T12:00:00Z");

  private final AtomicInteger reads = new AtomicInteger();
  private final RevisionCache<String> kept = new RevisionCache<>();

  private RevisionCache.Read<String> read(Instant until) {
    return new RevisionCache.Read<>("read " + reads.incrementAndGet(), until);
  }

  @Test
  void theSameRevisionIsReadOnceAndAnotherReadsAgain() {
    assertThat(kept.get(7, NOON, () -> read(null))).isEqualTo("read 1");
    assertThat(kept.get(7, NOON.plusSeconds(3600), () -> read(null))).isEqualTo("read 1");
    assertThat(kept.get(8, NOON, () -> read(null))).isEqualTo("read 2");
    // a node that meets an older revision again (another node's snapshot) reads again too
    assertThat(kept.get(7, NOON, () -> read(null))).isEqualTo("read 3");
    assertThat(reads).hasValue(3);
  }

  @Test
  void aValueHoldsUntilTheInstantItSays() {
    Instant change = NOON.plusSeconds(60);
    assertThat(kept.get(1, NOON, () -> read(change))).isEqualTo("read 1");
    assertThat(kept.get(1, change.minusMillis(1), () -> read(change))).isEqualTo("read 1");
    assertThat(kept.get(1, change, () -> read(null))).isEqualTo("read 2");
    assertThat(kept.get(1, change.plusSeconds(86_400), () -> read(null))).isEqualTo("read 2");
  }

  @Test
  void otherInputsAreReadAgain() {
    List<String> sizes = List.of("small", "large");
    assertThat(kept.get(1, List.of(sizes), NOON, () -> read(null))).isEqualTo("read 1");
    assertThat(kept.get(1, List.of(List.of("small", "large")), NOON, () -> read(null)))
        .as("equal inputs")
        .isEqualTo("read 1");
    assertThat(kept.get(1, List.of(List.of("small")), NOON, () -> read(null))).isEqualTo("read 2");
  }
}
