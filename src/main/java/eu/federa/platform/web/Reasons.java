package eu.federa.platform.web;

import eu.federa.platform.i18n.ReaderFormats;
import eu.federa.platform.text.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Shows why an order or another long piece of work failed, ended or waits, in the reader's language
 * and time zone ({@code #{reasons.text(..)}}).
 */
@Named
@ApplicationScoped
public class Reasons {

  @Inject ReaderFormats reader;

  /**
   * @param reason the reason, or null for orders from before reasons were translated
   * @param english the stored English text, shown when there is no reason
   */
  public String text(Reason reason, String english) {
    if (reason == null) {
      return english;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    return reason.in(faces.getApplication().getResourceBundle(faces, "msg"), reader.formats());
  }
}
