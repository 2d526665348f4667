package eu.federa.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WrkTest {

  private static final String OUTPUT =
      """
      Running 30s test @ http://127.0.0.1:31080/federa/dashboard.xhtml
        2 threads and 50 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency    78.21ms   40.02ms 612.00ms   70.00%
          Req/Sec   322.11     40.10   410.00     71.00%
        Latency Distribution
           50%   71.50ms
           75%   95.00ms
           90%  120.00ms
           99%    1.21s
        19284 requests in 30.02s, 301.22MB read
        Socket errors: connect 0, read 0, write 0, timeout 3
      Requests/sec:    642.38
      Transfer/sec:     10.03MB
      Answers other than 200: 7
      """;

  @Test
  void readsTheFiguresABenchReports() {
    Wrk.Result r = Wrk.parse(OUTPUT);
    assertEquals(642.38, r.requestsPerSecond(), 1e-9);
    assertEquals(71.5, r.p50Ms(), 1e-9);
    assertEquals(1210, r.p99Ms(), 1e-9);
    assertEquals(19284, r.requests());
    assertEquals(7, r.not200());
    assertEquals("connect 0, read 0, write 0, timeout 3", r.socketErrors());
  }

  @Test
  void noSocketErrorLineMeansNone() {
    assertEquals("none", Wrk.parse("Requests/sec: 1.0\n").socketErrors());
  }

  @Test
  void durationsInEveryUnitWrkPrints() {
    assertEquals(0.812, Wrk.millis("812.00us"), 1e-9);
    assertEquals(12.34, Wrk.millis("12.34ms"), 1e-9);
    assertEquals(1200, Wrk.millis("1.20s"), 1e-9);
    assertEquals(120_000, Wrk.millis("2.00m"), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> Wrk.millis("fast"));
  }
}
