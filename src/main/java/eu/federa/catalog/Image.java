package eu.federa.catalog;

import java.io.Serializable;

/** An operating system image of the catalog; each provider maps it to a template of its own. */
public record Image(
    String code, String osName, String osVersion, String architecture, String purpose)
    implements Serializable {

  /** Images for plain VMs; the others are appliances behind AI services. */
  public static final String VM = "VM";

  public Image(String code, String osName, String osVersion, String architecture) {
    this(code, osName, osVersion, architecture, VM);
  }

  public String displayName() {
    return osName + " " + osVersion + " (" + architecture + ")";
  }
}
