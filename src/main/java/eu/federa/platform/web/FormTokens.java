package eu.federa.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.FactoryFinder;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.event.AbortProcessingException;
import jakarta.faces.event.SystemEvent;
import jakarta.faces.event.SystemEventListener;
import jakarta.faces.render.RenderKit;
import jakarta.faces.render.RenderKitFactory;
import jakarta.faces.render.Renderer;
import jakarta.faces.render.RendererWrapper;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;

/**
 * The synchroniser token of the portal's forms (ASVS V3.5.1): each session gets a random token when
 * it is created, every {@code <h:form>} carries it in a hidden field named {@value #FIELD}, and a
 * postback to a page whose token is missing or wrong is refused ({@link CrossSiteRequests}). A page
 * of another site cannot read the token, so it cannot forge a postback, whatever the browser does
 * with {@code Origin}, {@code Sec-Fetch-Site} or {@code SameSite}.
 *
 * <p>The field is written by a wrapper around the standard form renderer, so no page has to
 * remember it, and a form re-rendered by an Ajax update keeps it.
 */
@WebListener
public class FormTokens implements HttpSessionListener {

  /** The name of the hidden field, and of the session attribute holding the token. */
  public static final String FIELD = "_csrf";

  private static final String ATTRIBUTE = "federa.formToken";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    event.getSession().setAttribute(ATTRIBUTE, newToken());
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The session's token, made now if the session predates this listener. */
  static String tokenOf(HttpSession session) {
    Object token = session.getAttribute(ATTRIBUTE);
    if (token instanceof String value) {
      return value;
    }
    synchronized (FormTokens.class) {
      token = session.getAttribute(ATTRIBUTE);
      if (token instanceof String value) {
        return value;
      }
      String value = newToken();
      session.setAttribute(ATTRIBUTE, value);
      return value;
    }
  }

  /**
   * Whether a postback carries its session's token. Without a session there is no signed-in user
   * whose request could be forged, and no view to post back to (Faces answers "expired").
   */
  static boolean carriesToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return true;
    }
    return sameToken(request.getParameter(FIELD), session.getAttribute(ATTRIBUTE));
  }

  static boolean sameToken(String sent, Object expected) {
    if (sent == null || !(expected instanceof String value)) {
      return false;
    }
    return MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  /** Puts the token-writing wrapper around the form renderer once Faces has started. */
  public static class Installer implements SystemEventListener {

    @Override
    public boolean isListenerForSource(Object source) {
      return true;
    }

    @Override
    public void processEvent(SystemEvent event) throws AbortProcessingException {
      FacesContext faces = FacesContext.getCurrentInstance();
      RenderKitFactory kits =
          (RenderKitFactory) FactoryFinder.getFactory(FactoryFinder.RENDER_KIT_FACTORY);
      Iterator<String> ids = kits.getRenderKitIds();
      while (ids.hasNext()) {
        RenderKit kit = kits.getRenderKit(faces, ids.next());
        Renderer form = kit.getRenderer(FORM, FORM);
        if (form != null && !(form instanceof TokenField)) {
          kit.addRenderer(FORM, FORM, new TokenField(form));
        }
      }
    }
  }

  private static final String FORM = "jakarta.faces.Form";

  /**
   * The token for a form that is not a Faces form (the sign-out button posts to a servlet): {@code
   * <input type="hidden" name="#{formToken.name}" value="#{formToken.value}"/>}.
   */
  @Named("formToken")
  @RequestScoped
  public static class Field {

    @Inject HttpServletRequest request;

    public String getName() {
      return FIELD;
    }

    public String getValue() {
      return tokenOf(request.getSession());
    }
  }

  /** Writes the hidden token field as the last field of every form. */
  static final class TokenField extends RendererWrapper {

    TokenField(Renderer form) {
      super(form);
    }

    @Override
    public void encodeEnd(FacesContext context, UIComponent component) throws IOException {
      if (context.getExternalContext().getSession(true) instanceof HttpSession session) {
        ResponseWriter writer = context.getResponseWriter();
        writer.startElement("input", null);
        writer.writeAttribute("type", "hidden", null);
        writer.writeAttribute("name", FIELD, null);
        writer.writeAttribute("value", tokenOf(session), null);
        writer.endElement("input");
      }
      super.encodeEnd(context, component);
    }
  }
}
