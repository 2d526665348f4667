package eu.federa.platform.web;

import jakarta.faces.context.FacesContext;
import java.io.IOException;

/** What page beans share when a page cannot be shown. */
public final class Pages {

  private Pages() {}

  /** Answers 404 (the portal's not-found page) instead of rendering the current view. */
  public static void notFound() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.getExternalContext().responseSendError(404, "Not found");
    faces.responseComplete();
  }
}
