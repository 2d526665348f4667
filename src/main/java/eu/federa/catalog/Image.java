package eu.federa.catalog;

import java.io.Serializable;

/** An operating system image of the catalog; each provider maps it to a template of its own. */
public record Image(String code, String osName, String osVersion, String architecture)
    implements Serializable {

  public String displayName() {
    return osName + " " + osVersion + " (" + architecture + ")";
  }
}
