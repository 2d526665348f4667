package eu.federa.identity.web;

import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.web.ReturnPath;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language pages are shown in: the one the user chose (remembered in their account), else the
 * browser's preferred one the portal supports, else English.
 */
@Named("language")
@SessionScoped
public class LanguagePreference implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject UserAccountService accounts;
  @Inject SignedInAccount signedIn;

  private Locale chosen;

  public Locale getLocale() {
    if (chosen != null) {
      return chosen;
    }
    // Asked a dozen times a page (the view, the header's menu): worked out once a request.
    FacesContext faces = FacesContext.getCurrentInstance();
    Object known = faces.getAttributes().get(REQUEST_LOCALE);
    if (known instanceof Locale locale) {
      return locale;
    }
    Locale locale = fromAccountCookieOrBrowser(faces.getExternalContext());
    faces.getAttributes().put(REQUEST_LOCALE, locale);
    return locale;
  }

  private static final String REQUEST_LOCALE = LanguagePreference.class.getName() + ".locale";

  private Locale fromAccountCookieOrBrowser(ExternalContext external) {
    UserAccount account = signedIn.account();
    if (account != null && account.preferredLocale() != null) {
      return account.preferredLocale();
    }
    Optional<Locale> remembered = LanguageCookie.read((HttpServletRequest) external.getRequest());
    if (remembered.isPresent()) {
      return remembered.get();
    }
    List<Locale> preferred = new ArrayList<>();
    external.getRequestLocales().forEachRemaining(preferred::add);
    return SupportedLanguages.bestFor(preferred);
  }

  public String getLanguage() {
    return getLocale().getLanguage();
  }

  public List<Locale> getAvailable() {
    return SupportedLanguages.ALL;
  }

  /** Shows this session's next pages in {@code locale} (already saved in the account). */
  void use(java.util.Locale locale) {
    chosen = locale;
    remember(locale);
  }

  private static void remember(Locale locale) {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    LanguageCookie.write(
        (HttpServletRequest) external.getRequest(),
        (HttpServletResponse) external.getResponse(),
        locale);
  }

  /** The language as Keycloak's {@code ui_locales} takes it, for links that lead to its login. */
  public String getUiLocales() {
    return getLocale().toLanguageTag();
  }

  /**
   * The header's language menu ({@link LanguageServlet}): shows this session's pages in {@code
   * locale}, remembers it in the browser and, for a signed-in user, in their account (and so at
   * Keycloak).
   */
  void choose(Locale locale, HttpServletRequest request, HttpServletResponse response) {
    chosen = locale;
    LanguageCookie.write(request, response, locale);
    UserAccount account = signedIn.account();
    if (account != null) {
      signedIn.remember(
          accounts.changePreferredLanguage(account.subject(), locale.toLanguageTag()));
    }
  }

  /** The current page, for the language menu to come back to ({@link ReturnPath}). */
  public String getHere() {
    return ReturnPath.of(
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }
}
