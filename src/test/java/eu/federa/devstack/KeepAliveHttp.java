package eu.federa.devstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bench's HTTP/1.1 client for latency: one kept-alive connection, one request at a time, written
 * and read on the caller's thread. The JDK's {@code HttpClient} passes every call through its
 * selector thread and an executor, and spends more processor time per call than the servers it
 * measures; on a machine whose cores the servers share with the client, that time and those thread
 * switches land in the measured tail. This client spends almost none.
 */
final class KeepAliveHttp implements AutoCloseable {

  /** An answer: its status, headers (names in lower case) and body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final String host;
  private final int port;
  private final String path;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** A client of one address ({@code http://host:port/path}), connected on first use. */
  KeepAliveHttp(String url) {
    URI uri = URI.create(url);
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.path = uri.getRawPath();
  }

  /** Sends a request and reads its whole answer; reconnects once if the server closed the line. */
  Answer send(String method, String body, Map<String, String> headers) throws IOException {
    byte[] request = request(method, body, headers);
    for (int attempt = 0; ; attempt++) {
      boolean fresh = socket == null;
      if (fresh) {
        connect();
      }
      try {
        out.write(request);
        out.flush();
        return read();
      } catch (IOException e) {
        close();
        if (fresh || attempt > 0) {
          throw e;
        }
      }
    }
  }

  private byte[] request(String method, String body, Map<String, String> headers) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append(':').append(port).append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + content.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(content, 0, all, h.length, content.length);
    return all;
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(60_000);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
  }

  private Answer read() throws IOException {
    String status = line();
    if (status.isEmpty()) {
      throw new IOException("Connection closed before an answer");
    }
    int code = Integer.parseInt(status.split(" ", 3)[1]);
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    Map<String, String> headers = new HashMap<>();
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      headers.put(name, value);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        case "connection" -> closes = value.equalsIgnoreCase("close");
        default -> {}
      }
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        whole.write(in.readNBytes(size));
        line();
      }
      for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
        // trailers are not used
      }
      body = whole.toByteArray();
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
    } else {
      body = in.readAllBytes();
      closes = true;
    }
    if (closes) {
      close();
    }
    return new Answer(code, headers, body);
  }

  private int chunkSize() throws IOException {
    String size = line();
    int semicolon = size.indexOf(';');
    return Integer.parseInt(semicolon < 0 ? size : size.substring(0, semicolon), 16);
  }

  /** One header line without its CR LF; empty at the end of the headers or of the stream. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
  }
}
