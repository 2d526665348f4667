package eu.federa.tenancy;

import eu.federa.platform.validation.EmailAddress;
import java.util.List;

/** An invitation as a tenant admin fills it in. */
public record InvitationForm(@EmailAddress String email, String role, List<Long> projectIds) {

  public InvitationForm {
    projectIds = projectIds == null ? List.of() : List.copyOf(projectIds);
  }
}
