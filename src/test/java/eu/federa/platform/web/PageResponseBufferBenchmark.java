package eu.federa.platform.web;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Handing a page of about 17 K characters (the resource list's size, one euro sign near its top) to
 * the container as bytes, three ways: the portal's buffer (one encoder into one byte array, {@link
 * PageResponseBuffer.Chars}); a string made of each block and encoded (the buffer's first version);
 * and the container's own writer as Undertow 2.3 writes a block (byte by byte into a direct buffer
 * while the characters are ASCII, then a charset encoder on that direct buffer), as a model of it
 * here. Run with bench/page-buffer.sh; results in docs/performance.md ("Twelfth pass").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PageResponseBufferBenchmark {

  char[] page;
  final ByteBuffer direct = ByteBuffer.allocateDirect(16 * 1024);
  final CharsetEncoder containerEncoder = StandardCharsets.UTF_8.newEncoder();
  long written;

  /** Counts what it is given, as a socket would take it. */
  final OutputStream sink =
      new OutputStream() {
        @Override
        public void write(int b) {
          written++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          written += len;
        }
      };

  @Setup
  public void page() {
    StringBuilder html = new StringBuilder("<p>Cost so far: 12,34 \u20ac</p>");
    while (html.length() < 17_000) {
      html.append("<tr class=\"ui-widget-content resource-row\"><td><a href=\"/federa/resource")
          .append(".xhtml?id=123\">vm-12</a></td><td>Dec 3, 2026, 3:48:59 PM UTC</td></tr>\n");
    }
    page = html.toString().toCharArray();
  }

  @Benchmark
  public long portalEncoder() throws Exception {
    PageResponseBuffer.Chars chars = new PageResponseBuffer.Chars(sink, StandardCharsets.UTF_8);
    chars.write(page, 0, page.length);
    chars.drain(true);
    return written;
  }

  @Benchmark
  public long stringPerBlock() throws Exception {
    for (int from = 0; from < page.length; from += PageResponseBuffer.CHARS) {
      int n = Math.min(PageResponseBuffer.CHARS, page.length - from);
      sink.write(new String(page, from, n).getBytes(StandardCharsets.UTF_8));
    }
    return written;
  }

  @Benchmark
  public long containerModel() {
    // ASCII byte by byte until the first other character; from then on (the writer keeps its
    // encoder) every block through the encoder, both into the direct buffer
    boolean encoding = false;
    for (int from = 0; from < page.length; from += PageResponseBuffer.CHARS) {
      int end = Math.min(page.length, from + PageResponseBuffer.CHARS);
      int i = from;
      for (; !encoding && i < end; i++) {
        if (page[i] >= 128) {
          encoding = true;
          break;
        }
        if (!direct.hasRemaining()) {
          written += direct.position();
          direct.clear();
        }
        direct.put((byte) page[i]);
      }
      CharBuffer rest = CharBuffer.wrap(page, i, end - i);
      CoderResult result;
      while ((result = containerEncoder.encode(rest, direct, false)).isOverflow()) {
        written += direct.position();
        direct.clear();
      }
      if (result.isError()) {
        throw new IllegalStateException(result.toString());
      }
    }
    written += direct.position();
    direct.clear();
    return written;
  }
}
