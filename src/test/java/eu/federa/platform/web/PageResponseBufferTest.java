package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageResponseBufferTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final List<String> calls = new ArrayList<>();
  private String encoding = "UTF-8";

  /** What reached the container, decoded as the response's encoding names. */
  private String sent() {
    return bytes.toString(Charset.forName(encoding));
  }

  private HttpServletResponse container() {
    ServletOutputStream stream =
        new ServletOutputStream() {
          @Override
          public void write(int b) {
            bytes.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}
        };
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
              calls.add(method.getName());
              return switch (method.getName()) {
                case "getOutputStream" -> stream;
                case "getCharacterEncoding" -> encoding;
                case "setCharacterEncoding" -> {
                  encoding = (String) args[0];
                  yield null;
                }
                case "setContentType" -> {
                  String type = (String) args[0];
                  int at = type.indexOf("charset=");
                  if (at >= 0) {
                    encoding = type.substring(at + "charset=".length());
                  }
                  yield null;
                }
                case "flushBuffer", "reset", "resetBuffer", "sendError", "sendRedirect" -> null;
                default -> throw new UnsupportedOperationException(method.getName());
              };
            });
  }

  @Test
  void smallWritesReachTheContainerInOneBlockAtTheEnd() throws Exception {
    PageResponseBuffer.Buffered response = new PageResponseBuffer.Buffered(container());
    PrintWriter page = response.getWriter();
    page.write('<');
    page.write("td");
    page.write(new char[] {'>', 'x'}, 0, 2);
    page.write("</td>");
    assertThat(sent()).isEmpty();
    response.finish();
    assertThat(sent()).isEqualTo("<td>x</td>");
  }

  @Test
  void aPageLargerThanTheBufferArrivesWholeAndInOrder() throws Exception {
    PageResponseBuffer.Buffered response = new PageResponseBuffer.Buffered(container());
    PrintWriter page = response.getWriter();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      String piece = "<span>" + i + "</span>";
      page.write(piece);
      expected.append(piece);
    }
    String large = "y".repeat(PageResponseBuffer.CHARS + 10);
    page.write(large);
    expected.append(large);
    page.write('z');
    expected.append('z');
    response.finish();
    assertThat(sent()).isEqualTo(expected.toString());
  }

  @Test
  void whatThePageThrowsAwayNeverReachesTheContainer() throws Exception {
    PageResponseBuffer.Buffered response = new PageResponseBuffer.Buffered(container());
    response.getWriter().write("half a page");
    response.resetBuffer();
    response.getWriter().write("the error page");
    response.sendError(500);
    response.getWriter().write("another half");
    response.reset();
    response.getWriter().write("moved");
    response.sendRedirect("/federa/dashboard.xhtml");
    response.finish();
    assertThat(sent()).isEmpty();
    assertThat(calls).contains("resetBuffer", "sendError", "reset", "sendRedirect");
  }

  @Test
  void anExplicitFlushHandsOnWhatIsGathered() throws Exception {
    PageResponseBuffer.Buffered response = new PageResponseBuffer.Buffered(container());
    response.getWriter().write("streamed part");
    response.flushBuffer();
    assertThat(sent()).isEqualTo("streamed part");
    assertThat(calls).contains("flushBuffer");
  }

  @Test
  void lettersOutsideAsciiArriveIntactInTheResponsesEncodingAcrossBlocks() throws Exception {
    PageResponseBuffer.Buffered response = new PageResponseBuffer.Buffered(container());
    PrintWriter page = response.getWriter();
    // a character outside the Basic Multilingual Plane (two chars) across the buffer's edge:
    // its high half is the buffer's last char
    String filler = "a".repeat(PageResponseBuffer.CHARS - 1);
    String text = "\uD83C\uDDEA\uD83C\uDDFA Łódź, 1 234,56 € Čakovec";
    page.write(filler);
    page.write(text);
    page.write(filler);
    page.write('\u00E9');
    response.finish();
    assertThat(sent()).isEqualTo(filler + text + filler + "\u00E9");
    assertThat(bytes.toByteArray()).hasSize(sent().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void aLoneHalfOfAPairIsWrittenAsTheEncodingsReplacement() throws Exception {
    PageResponseBuffer.Buffered response = new PageResponseBuffer.Buffered(container());
    response.getWriter().write("a\uD83Cb\uD83C");
    response.finish();
    assertThat(sent()).isEqualTo("a?b?");
  }

  @Test
  void theWritersEncodingHoldsOnceItIsOut() throws Exception {
    encoding = "ISO-8859-1";
    PageResponseBuffer.Buffered response = new PageResponseBuffer.Buffered(container());
    response.setContentType("text/html;charset=UTF-8");
    PrintWriter page = response.getWriter();
    response.setContentType("text/html;charset=ISO-8859-1");
    response.setCharacterEncoding("ISO-8859-1");
    page.write("€ and é");
    response.finish();
    assertThat(encoding).isEqualTo("UTF-8");
    assertThat(bytes.toByteArray()).isEqualTo("€ and é".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPageUsesEitherTheWriterOrTheStream() throws Exception {
    PageResponseBuffer.Buffered written = new PageResponseBuffer.Buffered(container());
    written.getWriter();
    assertThatThrownBy(written::getOutputStream).isInstanceOf(IllegalStateException.class);
    PageResponseBuffer.Buffered streamed = new PageResponseBuffer.Buffered(container());
    streamed.getOutputStream().write(new byte[] {1, 2});
    assertThatThrownBy(streamed::getWriter).isInstanceOf(IllegalStateException.class);
    streamed.finish();
    assertThat(bytes.toByteArray()).containsExactly(1, 2);
  }
}
