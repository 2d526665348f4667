package eu.federa.catalog;

import eu.federa.platform.validation.Text;
import java.io.Serializable;

/** An operating system image of the catalog; each provider maps it to a template of its own. */
public record Image(
    @CatalogCode String code,
    @Text(max = 100) String osName,
    @Text(max = 40) String osVersion,
    @Text(max = 20) String architecture,
    String purpose,
    String loginUser)
    implements Serializable {

  /** The account OpenNebula's contextualisation installs SSH keys for, unless an image says. */
  public static final String DEFAULT_LOGIN_USER = "root";

  public Image(String code, String osName, String osVersion, String architecture, String purpose) {
    this(code, osName, osVersion, architecture, purpose, DEFAULT_LOGIN_USER);
  }

  /** Images for plain VMs; the others are appliances behind AI services. */
  public static final String VM = "VM";

  public Image(String code, String osName, String osVersion, String architecture) {
    this(code, osName, osVersion, architecture, VM);
  }

  public String displayName() {
    return osName + " " + osVersion + " (" + architecture + ")";
  }
}
