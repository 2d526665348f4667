package eu.federa.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} as the benches run it: {@code connections} connections over two threads,
 * each request as the next signed-in user (a file of Cookie headers, one line a user), answers
 * other than 200 counted (a lost session is sent to Keycloak with a 302) and reported.
 */
final class Wrk {

  private Wrk() {}

  /** One run's figures, parsed from wrk's output. */
  record Result(
      double requestsPerSecond,
      double p50Ms,
      double p99Ms,
      long requests,
      long not200,
      String socketErrors,
      String output) {

    /** Requests per second, the 50th and 99th percentiles, requests, non-200 answers, errors. */
    String summary() {
      return String.format(
          Locale.ROOT,
          "%8.1f req/s   p50 %7.1f ms   p99 %7.1f ms   requests %8d   not 200 %d   errors %s",
          requestsPerSecond,
          p50Ms,
          p99Ms,
          requests,
          not200,
          socketErrors);
    }
  }

  /**
   * Writes each signed-in session's Cookie header to {@code file}, a line each, once its dashboard
   * opens (200): the file the session script reads.
   */
  static Path cookies(java.util.List<PortalSession> sessions, Path file) throws Exception {
    java.util.List<String> lines = new java.util.ArrayList<>();
    for (PortalSession s : sessions) {
      PortalSession.Answer page = s.send("GET", "dashboard.xhtml", null);
      if (page.status() != 200) {
        throw new StackException("The dashboard answered " + page.status() + " to " + s.user);
      }
      lines.add(s.cookieHeader());
    }
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  /** Writes the session script next to the cookie file it reads; returns the script. */
  static Path sessionScript(Path dir) throws Exception {
    return sessionScript(dir, 0);
  }

  /**
   * The session script, each user waiting {@code thinkMs} between an answer and their next request
   * (wrk's {@code delay()}; 0: none, each connection sends as fast as it is answered). The time
   * waited is not counted in the latency wrk reports.
   */
  static Path sessionScript(Path dir, int thinkMs) throws Exception {
    Path script = dir.resolve("sessions.lua");
    Files.writeString(
        script,
        String.join(
            "\n",
            "-- each request as the next signed-in user (their session cookies, one line each)",
            "local cookies = {}",
            "local n = 0",
            "local threads = {}",
            "function setup(thread) table.insert(threads, thread) end",
            "function init(args)",
            "  non200 = 0",
            "  for line in io.lines(args[1]) do table.insert(cookies, line) end",
            "end",
            "function request()",
            "  n = n + 1",
            "  return wrk.format(\"GET\", nil, { [\"Cookie\"] = cookies[(n % #cookies) + 1] })",
            "end",
            "-- a session that was lost would be sent to Keycloak (302): counted, never measured",
            "function response(status, headers, body)",
            "  if status ~= 200 then non200 = non200 + 1 end",
            "end",
            thinkMs > 0 ? "function delay() return " + thinkMs + " end" : "",
            "function done(summary, latency, requests)",
            "  local total = 0",
            "  for _, t in ipairs(threads) do total = total + t:get(\"non200\") end",
            "  io.write(\"Answers other than 200: \" .. total .. \"\\n\")",
            "end",
            ""));
    return script;
  }

  /** Runs wrk against {@code url} for {@code seconds}; fails when wrk does. */
  static Result run(String url, Path script, Path cookies, int connections, int seconds, Path dir)
      throws Exception {
    Path log = dir.resolve("wrk.out");
    Process p =
        new ProcessBuilder(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.toString(),
                url,
                "--",
                cookies.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new StackException("wrk failed: " + Files.readString(log));
    }
    return parse(Files.readString(log));
  }

  static Result parse(String out) {
    return new Result(
        Double.parseDouble(find(out, "^Requests/sec:\\s+([\\d.]+)", "0")),
        millis(find(out, "^\\s+50%\\s+(\\S+)", "0ms")),
        millis(find(out, "^\\s+99%\\s+(\\S+)", "0ms")),
        Long.parseLong(find(out, "^\\s+(\\d+) requests in", "0")),
        Long.parseLong(find(out, "^Answers other than 200: (\\d+)", "0")),
        find(out, "^\\s+Socket errors:\\s+(.+)$", "none"),
        out);
  }

  /** wrk's durations: {@code 812.00us}, {@code 12.34ms}, {@code 1.20s}, {@code 2.00m}. */
  static double millis(String wrkDuration) {
    Matcher m = Pattern.compile("([\\d.]+)(us|ms|s|m)").matcher(wrkDuration);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a wrk duration: " + wrkDuration);
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "ms" -> v;
      case "s" -> v * 1000;
      default -> v * 60_000;
    };
  }

  private static String find(String out, String regex, String otherwise) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
    return m.find() ? m.group(1) : otherwise;
  }
}
