package eu.federa.testsupport;

/** Text that betrays server internals (stack traces, server names) and must never reach a page. */
public final class BrowserInternals {

  public static final String[] SIGNATURES = {
    "at eu.federa.",
    "Caused by",
    "java.lang.",
    "jakarta.servlet.ServletException",
    "WFLY",
    "Undertow",
    "JBWEB",
    "Stacktrace",
    "org.hibernate"
  };

  private BrowserInternals() {}
}
