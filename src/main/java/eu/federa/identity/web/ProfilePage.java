package eu.federa.identity.web;

import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.i18n.TimeZones;
import eu.federa.platform.web.FormMessages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Backs the profile page: the language and time zone the user reads the portal in, kept in their
 * account for every session and device.
 */
@Named
@ViewScoped
public class ProfilePage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject UserAccountService accounts;
  @Inject SignedInAccount signedIn;
  @Inject LanguagePreference language;
  @Inject eu.federa.platform.http.PublicUrl publicUrl;

  private String languageTag;
  private String zone;

  @PostConstruct
  void load() {
    languageTag = language.getLanguage();
    UserAccount account = signedIn.account();
    zone =
        account == null || account.timeZone() == null ? TimeZones.UTC : account.timeZone().getId();
  }

  /** Saves both choices and shows the page again in the chosen language. */
  public void save() throws IOException {
    UserAccount account = signedIn.account();
    if (account == null) {
      return;
    }
    try {
      UserAccount changed = accounts.changePreferences(account.subject(), languageTag, zone);
      signedIn.remember(changed);
      language.use(changed.preferredLocale());
    } catch (IllegalArgumentException e) {
      FormMessages.error("profile.error.choice");
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.getViewRoot().setLocale(language.getLocale());
    FormMessages.info("profile.saved");
    ExternalContext external = faces.getExternalContext();
    external.getFlash().setKeepMessages(true);
    external.redirect(external.getRequestContextPath() + "/profile.xhtml");
  }

  /**
   * Keycloak's account pages, where the user changes their password, two-step sign-in and signed-in
   * devices, with a way back to this page.
   */
  public String getAccountAddress() {
    return eu.federa.identity.AccountConsole.address(
        eu.federa.platform.config.Setting.OIDC_PROVIDER_URL.value(),
        eu.federa.platform.config.Setting.OIDC_CLIENT_ID.value(),
        publicUrl.base() + "/profile.xhtml");
  }

  /** Each zone offered with the time it is there now, so that the choice is easy to check. */
  public List<ZoneChoice> getZones() {
    Instant now = Instant.now();
    return TimeZones.CHOICES.stream()
        .map(id -> new ZoneChoice(id, id + " \u2014 " + clock(id, now)))
        .toList();
  }

  private String clock(String id, Instant now) {
    return java.time.format.DateTimeFormatter.ofPattern("HH:mm")
        .withZone(ZoneId.of(id))
        .format(now);
  }

  public List<String> getLanguages() {
    return SupportedLanguages.ALL.stream().map(l -> l.getLanguage()).toList();
  }

  /** The current time as this page would show it, for the preview beside the choice. */
  public String getNow() {
    return Formats.of(language.getLocale(), signedInZone()).dateTime(Instant.now());
  }

  private ZoneId signedInZone() {
    UserAccount account = signedIn.account();
    return account == null ? null : account.timeZone();
  }

  public String getLanguageTag() {
    return languageTag;
  }

  public void setLanguageTag(String languageTag) {
    this.languageTag = languageTag;
  }

  public String getZone() {
    return zone;
  }

  public void setZone(String zone) {
    this.zone = zone;
  }

  /** A zone of the choice list: its id and its label. */
  public record ZoneChoice(String id, String label) implements Serializable {}
}
