package eu.federa.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Gathers a page's characters before the servlet container's writer sees them. Faces writes a page
 * a few characters at a time ({@code <}, a name, an attribute), and the container's writer encodes
 * each call on its own: a fifth of the catalog's time under load, a tenth of the others'
 * (docs/performance.md, "Pages under load"). Here they go to a char buffer handed on in blocks;
 * what a page throws away (a reset, an error, a redirect) is thrown away here too, and a page that
 * fails is not handed on half-written.
 */
@WebFilter(
    urlPatterns = "*.xhtml",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class PageResponseBuffer extends HttpFilter {

  /** Characters gathered before they are handed on. */
  static final int CHARS = 16 * 1024;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Buffered buffered = new Buffered(response);
    chain.doFilter(request, buffered);
    buffered.finish();
  }

  /** The response with a buffered writer. */
  static final class Buffered extends HttpServletResponseWrapper {

    private Chars chars;
    private PrintWriter writer;

    Buffered(HttpServletResponse response) {
      super(response);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        chars = new Chars(super.getWriter());
        writer = new PrintWriter(chars, false);
      }
      return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
      if (writer != null) {
        writer.flush();
      }
      super.flushBuffer();
    }

    @Override
    public void resetBuffer() {
      discard();
      super.resetBuffer();
    }

    @Override
    public void reset() {
      discard();
      super.reset();
    }

    @Override
    public void sendError(int status) throws IOException {
      discard();
      super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      discard();
      super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      discard();
      super.sendRedirect(location);
    }

    private void discard() {
      if (chars != null) {
        chars.discard();
      }
    }

    /** Hands on what is gathered; the container completes the response. */
    void finish() throws IOException {
      if (chars != null) {
        chars.drain();
      }
    }
  }

  /** A char buffer in front of a writer. */
  static final class Chars extends Writer {

    private final Writer out;
    private final char[] buffer = new char[CHARS];
    private int used;

    Chars(Writer out) {
      this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
      if (used == buffer.length) {
        drain();
      }
      buffer[used++] = (char) c;
    }

    @Override
    public void write(char[] source, int offset, int length) throws IOException {
      if (length > buffer.length - used) {
        drain();
        if (length > buffer.length) {
          out.write(source, offset, length);
          return;
        }
      }
      System.arraycopy(source, offset, buffer, used, length);
      used += length;
    }

    @Override
    public void write(String source, int offset, int length) throws IOException {
      if (length > buffer.length - used) {
        drain();
        if (length > buffer.length) {
          out.write(source, offset, length);
          return;
        }
      }
      source.getChars(offset, offset + length, buffer, used);
      used += length;
    }

    void drain() throws IOException {
      if (used > 0) {
        out.write(buffer, 0, used);
        used = 0;
      }
    }

    void discard() {
      used = 0;
    }

    @Override
    public void flush() throws IOException {
      drain();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      drain();
      out.close();
    }
  }
}
