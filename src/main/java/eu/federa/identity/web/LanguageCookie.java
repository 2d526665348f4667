package eu.federa.identity.web;

import eu.federa.platform.i18n.SupportedLanguages;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The browser remembers the language its user chose, for the pages shown while nobody is signed in
 * (signed out, errors) and for Keycloak's login page, which the "sign in again" link asks for in it
 * ({@code ui_locales}, passed on by the OIDC client). It holds a language tag, nothing personal.
 */
public final class LanguageCookie {

  static final String NAME = "federa-lang";

  private static final int ONE_YEAR_SECONDS = (int) Duration.ofDays(365).toSeconds();

  private LanguageCookie() {}

  /** The supported language the cookie names, if any. */
  public static Optional<Locale> read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    return Arrays.stream(cookies)
        .filter(c -> NAME.equals(c.getName()))
        .findFirst()
        .flatMap(c -> SupportedLanguages.match(c.getValue()));
  }

  /** Remembers {@code locale} in the browser for a year. */
  public static void write(
      HttpServletRequest request, HttpServletResponse response, Locale locale) {
    Cookie cookie = new Cookie(NAME, locale.toLanguageTag());
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setMaxAge(ONE_YEAR_SECONDS);
    cookie.setHttpOnly(true);
    cookie.setSecure(request.isSecure());
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
  }
}
