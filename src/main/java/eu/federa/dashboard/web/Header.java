package eu.federa.dashboard.web;

import eu.federa.identity.web.LanguagePreference;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.FormTokens;
import eu.federa.platform.web.Markup;
import eu.federa.tenancy.MyMembership;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The right of the header, on every page: the organisation (and the switch to the user's others),
 * the user's name, the language menu and sign-out. Its forms post to servlets with the session's
 * form token ({@code /organisation}, {@code /language}, {@code /logout}); written by one component
 * ({@link Markup}) instead of some thirty Faces components and expressions a page
 * (docs/performance.md, "Sixth pass").
 */
@Named("pageHeader") // not "header", which Faces' expressions keep for the request's headers
@RequestScoped
public class Header {

  /**
   * Each language the portal speaks by its own name, as its speakers look for it (Français,
   * Slovenščina), from the JDK's locale data: the list of languages stays {@link
   * SupportedLanguages}'s alone.
   */
  static final Map<String, String> LANGUAGE_NAMES =
      SupportedLanguages.ALL.stream()
          .collect(Collectors.toUnmodifiableMap(Locale::getLanguage, Header::ownName));

  private static String ownName(Locale locale) {
    String name = locale.getDisplayLanguage(locale);
    return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
  }

  @Inject CurrentTenant tenant;
  @Inject CurrentUser user;
  @Inject LanguagePreference language;
  @Inject FormTokens.Field formToken;

  /**
   * What the header shows its reader.
   *
   * @param tenantId the organisation they work in, null for none
   * @param memberships all their organisations (the others are offered in the switch)
   * @param here the current page, where the language menu comes back to
   * @param formToken the session's form token
   */
  record Reader(
      Long tenantId,
      String tenantName,
      List<MyMembership> memberships,
      String displayName,
      String language,
      String here,
      String formToken) {}

  public List<Markup> getMarkup() {
    return write(
        new Reader(
            tenant.getId(),
            tenant.getName(),
            tenant.getMemberships(),
            user.getDisplayName(),
            language.getLanguage(),
            language.getHere(),
            formToken.getValue()),
        FormMessages.bundle(),
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath());
  }

  static List<Markup> write(Reader reader, ResourceBundle msg, String contextPath) {
    List<Markup> header = new ArrayList<>(5);
    header.add(
        Markup.el("span")
            .css("fd-tenant")
            .attr("title", msg.getString("header.organisation"))
            .attr("id", "tenant-name")
            .text(
                reader.tenantId() == null
                    ? msg.getString("header.noTenant")
                    : reader.tenantName()));
    if (reader.memberships().size() > 1) {
      Markup.Element others =
          form(contextPath + "/organisation", reader.formToken())
              .attr("id", "tenant-switch")
              .css("fd-tenant-switch")
              .add(Markup.span("fd-sr-only", msg.getString("header.switchTenant")));
      for (MyMembership m : reader.memberships()) {
        if (!Long.valueOf(m.tenantId()).equals(reader.tenantId())) {
          others.add(
              submit("tenant", Long.toString(m.tenantId()))
                  .css("fd-link-button fd-tenant-choice")
                  .text(m.tenantName()));
        }
      }
      header.add(others);
    }
    header.add(
        Markup.el("a")
            .css("fd-user")
            .attr("id", "user-name")
            .attr("href", contextPath + "/profile.xhtml")
            .attr("title", msg.getString("profile.title"))
            .text(reader.displayName()));
    String languageLabel = msg.getString("header.language");
    Markup.Element choices =
        form(contextPath + "/language", reader.formToken())
            .attr("id", "language-form")
            .css("fd-language-choices")
            .add(hidden("back", reader.here()));
    for (Locale locale : SupportedLanguages.ALL) {
      String tag = locale.getLanguage();
      choices.add(
          submit("lang", tag)
              .attr("id", "lang-" + tag)
              .attr("lang", tag)
              .css(tag.equals(reader.language()) ? "fd-link-button fd-active" : "fd-link-button")
              .text(LANGUAGE_NAMES.get(tag)));
    }
    header.add(
        Markup.el("details")
            .css("fd-language")
            .attr("id", "language-menu")
            .add(
                Markup.el("summary")
                    .attr("id", "language-current")
                    .attr("title", languageLabel)
                    .add(Markup.span("fd-sr-only", languageLabel + ": "))
                    .text(reader.language().toUpperCase(Locale.ROOT)))
            .add(choices));
    header.add(
        form(contextPath + "/logout", reader.formToken())
            .css("fd-logout")
            .add(
                Markup.el("button")
                    .attr("type", "submit")
                    .attr("id", "logout")
                    .text(msg.getString("header.logout"))));
    return header;
  }

  /** A form posting to one of the portal's servlets, with the session's form token first. */
  private static Markup.Element form(String action, String token) {
    return Markup.el("form")
        .attr("method", "post")
        .attr("action", action)
        .add(hidden(FormTokens.FIELD, token));
  }

  private static Markup.Element hidden(String name, String value) {
    return Markup.el("input").attr("type", "hidden").attr("name", name).attr("value", value);
  }

  private static Markup.Element submit(String name, String value) {
    return Markup.el("button").attr("type", "submit").attr("name", name).attr("value", value);
  }
}
