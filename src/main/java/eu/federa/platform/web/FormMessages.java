package eu.federa.platform.web;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.validation.FieldError;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.EditableValueHolder;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import java.util.List;
import java.util.ResourceBundle;

/** Puts a service's field errors on a form, in the user's language. */
public final class FormMessages {

  private FormMessages() {}

  public static void show(String formId, List<FieldError> errors) {
    FacesContext faces = FacesContext.getCurrentInstance();
    for (FieldError error : errors) {
      ResourceBundle bundle = bundle();
      String message = error.text(bundle, reader(bundle));
      String clientId =
          error.field() == null || formId == null ? null : formId + ":" + error.field();
      UIComponent field = clientId == null ? null : faces.getViewRoot().findComponent(clientId);
      if (field == null) {
        clientId = null; // a field the page has no input for: say it about the form
      } else if (field instanceof EditableValueHolder input) {
        // Marked invalid: drawn as such, and announced (aria-invalid) to a screen reader's user.
        input.setValid(false);
      }
      faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
    }
    faces.validationFailed();
  }

  public static void info(String key, Object... arguments) {
    String message = text(key, arguments);
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
  }

  public static void error(String key, Object... arguments) {
    String message = text(key, arguments);
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    faces.validationFailed();
  }

  /** The message {@code key} in the user's language, its arguments in their formats. */
  public static String text(String key, Object... arguments) {
    ResourceBundle bundle = bundle();
    return reader(bundle).message(bundle.getString(key), arguments);
  }

  /**
   * The reader's formats in the language of the bundle read (the view's), and in the time zone of
   * their profile: a moment in a message is theirs, as on the page around it.
   */
  private static Formats reader(ResourceBundle bundle) {
    return Formats.of(bundle.getLocale(), InstantConverter.currentReader().zone());
  }

  /** The language the current view is written in (the reader's choice). */
  public static java.util.Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  /** The portal's messages in the user's language. */
  public static ResourceBundle bundle() {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getApplication().getResourceBundle(faces, "msg");
  }
}
