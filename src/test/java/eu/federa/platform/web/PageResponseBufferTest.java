package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageResponseBufferTest {

  private final StringWriter sent = new StringWriter();
  private final List<String> calls = new ArrayList<>();

  private HttpServletResponse container() {
    PrintWriter writer = new PrintWriter(sent);
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
              calls.add(method.getName());
              return switch (method.getName()) {
                case "getWriter" -> writer;
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
    assertThat(sent.toString()).isEmpty();
    response.finish();
    assertThat(sent.toString()).isEqualTo("<td>x</td>");
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
    assertThat(sent.toString()).isEqualTo(expected.toString());
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
    assertThat(sent.toString()).isEmpty();
    assertThat(calls).contains("resetBuffer", "sendError", "reset", "sendRedirect");
  }

  @Test
  void anExplicitFlushHandsOnWhatIsGathered() throws Exception {
    PageResponseBuffer.Buffered response = new PageResponseBuffer.Buffered(container());
    response.getWriter().write("streamed part");
    response.flushBuffer();
    assertThat(sent.toString()).isEqualTo("streamed part");
    assertThat(calls).contains("flushBuffer");
  }
}
