package eu.federa.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * Gathers a page's characters before the servlet container sees them, and encodes them itself.
 * Faces writes a page a few characters at a time ({@code <}, a name, an attribute), and the
 * container's writer encodes each call on its own: a fifth of the catalog's time under load, a
 * tenth of the others' (docs/performance.md, "Pages under load"). Here they go to a char buffer,
 * encoded a block at a time and handed to the container's output stream as bytes: the container's
 * writer, even given a block, puts it into its direct buffer byte by byte, and after the first
 * character outside ASCII through a charset encoder working on that direct buffer: about two and a
 * half times the time of an encoder on arrays (bench/page-buffer.sh, docs/performance.md, "Twelfth
 * pass"). What a page throws away (a reset, an error, a redirect) is thrown away here too, and a
 * page that fails is not handed on half-written.
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
    private String encoding;
    private boolean streamed;

    Buffered(HttpServletResponse response) {
      super(response);
    }

    /**
     * The page's writer. As the container's own would, it fixes the response's character encoding
     * (named in its content type from here on); a page asks for either it or the output stream.
     */
    @Override
    public PrintWriter getWriter() throws IOException {
      if (streamed) {
        throw new IllegalStateException("the response's output stream is already in use");
      }
      if (writer == null) {
        String named = getCharacterEncoding();
        Charset charset;
        try {
          charset = Charset.forName(named);
        } catch (IllegalArgumentException e) {
          throw new UnsupportedEncodingException(named);
        }
        super.setCharacterEncoding(named);
        encoding = named;
        chars = new Chars(super.getOutputStream(), charset);
        writer = new PrintWriter(chars, false);
      }
      return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (writer != null) {
        throw new IllegalStateException("the response's writer is already in use");
      }
      streamed = true;
      return super.getOutputStream();
    }

    /** Once the writer is out, its encoding holds (as the container's would). */
    @Override
    public void setCharacterEncoding(String charset) {
      if (writer == null) {
        super.setCharacterEncoding(charset);
      }
    }

    /** Once the writer is out, a content type's charset is not taken (as the container's). */
    @Override
    public void setContentType(String type) {
      super.setContentType(type);
      if (writer != null) {
        super.setCharacterEncoding(encoding);
      }
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
        chars.drain(true);
      }
    }
  }

  /**
   * A char buffer in front of an output stream, encoded a block at a time by one encoder into one
   * byte array, both kept for the response (a string made of each block encodes a page with one
   * character outside Latin-1 char by char, into a fresh array three times its size). A block never
   * ends between the two halves of a character outside the Basic Multilingual Plane (a surrogate
   * pair): a lone high half waits for the next.
   */
  static final class Chars extends Writer {

    /** Bytes encoded before they are handed on. */
    static final int BYTES = 8 * 1024;

    private final OutputStream out;
    private final CharsetEncoder encoder;
    private final char[] buffer = new char[CHARS];
    private final byte[] bytes = new byte[BYTES];
    private int used;

    Chars(OutputStream out, Charset charset) {
      this.out = out;
      this.encoder =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    @Override
    public void write(int c) throws IOException {
      if (used == buffer.length) {
        drain(false);
      }
      buffer[used++] = (char) c;
    }

    @Override
    public void write(char[] source, int offset, int length) throws IOException {
      gather(source, offset, length);
    }

    @Override
    public void write(String source, int offset, int length) throws IOException {
      gather(source, offset, length);
    }

    /** Copies chars of a {@code char[]} or a {@code String} in, draining whenever it is full. */
    private void gather(Object source, int offset, int length) throws IOException {
      int from = offset;
      int left = length;
      while (left > 0) {
        if (used == buffer.length) {
          drain(false);
        }
        int n = Math.min(left, buffer.length - used);
        if (source instanceof String text) {
          text.getChars(from, from + n, buffer, used);
        } else {
          System.arraycopy(source, from, buffer, used, n);
        }
        used += n;
        from += n;
        left -= n;
      }
    }

    /**
     * Encodes what is gathered and hands it on; {@code whole}: the last of the page, a lone half of
     * a pair included (written as the charset's replacement).
     */
    void drain(boolean whole) throws IOException {
      CharBuffer chars = CharBuffer.wrap(buffer, 0, used);
      ByteBuffer encoded = ByteBuffer.wrap(bytes);
      // overflow: the bytes are full, hand them on; underflow: all encoded but a lone high half
      while (encoder.encode(chars, encoded, whole).isOverflow()) {
        handOn(encoded);
      }
      if (whole) {
        while (encoder.flush(encoded).isOverflow()) {
          handOn(encoded);
        }
        encoder.reset();
      }
      handOn(encoded);
      int left = chars.remaining();
      System.arraycopy(buffer, chars.position(), buffer, 0, left);
      used = left;
    }

    private void handOn(ByteBuffer encoded) throws IOException {
      if (encoded.position() > 0) {
        out.write(bytes, 0, encoded.position());
        encoded.clear();
      }
    }

    void discard() {
      used = 0;
    }

    @Override
    public void flush() throws IOException {
      drain(false);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      drain(true);
      out.close();
    }
  }
}
