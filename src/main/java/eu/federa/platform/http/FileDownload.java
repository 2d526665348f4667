package eu.federa.platform.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sends a file Federa keeps (a disk of a bundle, a disk on its way to another provider) as a
 * download a tool or a provider can resume: one {@code Range} honoured, the SHA-256 as its ETag,
 * never cached. The caller has checked the link's signature.
 */
public final class FileDownload {

  private FileDownload() {}

  /**
   * @param sha256 the file's SHA-256 (its ETag), or null when not known yet
   */
  public static void serve(
      HttpServletRequest request,
      HttpServletResponse response,
      Path file,
      long size,
      String sha256,
      String fileName)
      throws IOException {
    Optional<ByteRange> part;
    try {
      part = ByteRange.of(request.getHeader("Range"), size);
    } catch (ByteRange.Unsatisfiable outside) {
      response.setHeader("Content-Range", "bytes */" + size);
      response.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
      return;
    }
    long first = part.map(ByteRange::first).orElse(0L);
    long length = part.map(ByteRange::length).orElse(size);
    response.setStatus(part.isPresent() ? HttpServletResponse.SC_PARTIAL_CONTENT : 200);
    part.ifPresent(p -> response.setHeader("Content-Range", p.contentRange(size)));
    response.setContentType("application/octet-stream");
    response.setHeader("Accept-Ranges", "bytes");
    if (sha256 != null) {
      response.setHeader("ETag", "\"" + sha256 + "\"");
    }
    response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLengthLong(length);
    ByteRange.send(file, first, length, response.getOutputStream());
  }
}
