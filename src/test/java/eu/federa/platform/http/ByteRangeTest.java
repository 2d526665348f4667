package eu.federa.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void aDownloadResumesFromTheByteItStoppedAt() {
    assertThat(ByteRange.of("bytes=100-", 1000)).contains(new ByteRange(100, 999));
    assertThat(ByteRange.of("bytes=100-199", 1000).orElseThrow().length()).isEqualTo(100);
    assertThat(ByteRange.of("bytes=100-199", 1000).orElseThrow().contentRange(1000))
        .isEqualTo("bytes 100-199/1000");
    // the last 50 bytes; an end beyond the file is the file's end
    assertThat(ByteRange.of("bytes=-50", 1000)).contains(new ByteRange(950, 999));
    assertThat(ByteRange.of("bytes=900-5000", 1000)).contains(new ByteRange(900, 999));
  }

  @Test
  void theWholeFileIsSentForNoRangeOneItDoesNotServeOrTheWholeOfIt() {
    assertThat(ByteRange.of(null, 1000)).isEmpty();
    assertThat(ByteRange.of("bytes=0-", 1000)).isEmpty();
    assertThat(ByteRange.of("bytes=0-10,20-30", 1000)).isEmpty();
    assertThat(ByteRange.of("items=0-10", 1000)).isEmpty();
    assertThat(ByteRange.of("bytes=20-10", 1000)).isEmpty();
    assertThat(ByteRange.of("bytes=99999999999999999999-", 1000)).isEmpty();
  }

  @Test
  void aRangeBeyondTheEndIsUnsatisfiable() {
    assertThatThrownBy(() -> ByteRange.of("bytes=1000-", 1000))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.of("bytes=-0", 1000))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
  }
}
