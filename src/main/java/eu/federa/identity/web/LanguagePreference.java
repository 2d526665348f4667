package eu.federa.identity.web;

import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.platform.i18n.SupportedLanguages;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
    UserAccount account = signedIn.account();
    if (account != null && account.preferredLocale() != null) {
      return account.preferredLocale();
    }
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
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

  /** Switches to the given language and reloads the current page in it. */
  public void switchTo(String languageTag) throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    Locale locale = SupportedLanguages.match(languageTag).orElse(SupportedLanguages.FALLBACK);
    chosen = locale;
    remember(locale);
    UserAccount account = signedIn.account();
    if (account != null) {
      signedIn.remember(
          accounts.changePreferredLanguage(account.subject(), locale.toLanguageTag()));
    }
    faces.getViewRoot().setLocale(locale);
    ExternalContext external = faces.getExternalContext();
    external.redirect(external.getRequestContextPath() + faces.getViewRoot().getViewId());
  }
}
