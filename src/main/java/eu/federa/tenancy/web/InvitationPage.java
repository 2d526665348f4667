package eu.federa.tenancy.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.tenancy.InvitationService;
import eu.federa.tenancy.TeamViews.InvitationPreview;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;

/** Backs the page an invitation link opens: what is offered, and accepting it. */
@Named
@ViewScoped
public class InvitationPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject InvitationService invitations;
  @Inject TenantSelection selection;

  private String token;
  private InvitationPreview preview;

  public void load() {
    try {
      preview = invitations.preview(token);
    } catch (NotFoundException e) {
      preview = null;
      FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
    }
  }

  public void accept() throws IOException {
    try {
      long tenantId = invitations.accept(token);
      selection.select(tenantId);
      ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
      external.getFlash().setKeepMessages(true);
      FormMessages.info("invitation.accepted", preview.tenantName());
      external.redirect(external.getRequestContextPath() + "/team.xhtml");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey());
      load();
    } catch (NotFoundException e) {
      preview = null;
    }
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public InvitationPreview getPreview() {
    return preview;
  }
}
