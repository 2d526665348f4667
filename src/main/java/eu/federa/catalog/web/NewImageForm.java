package eu.federa.catalog.web;

import eu.federa.catalog.Image;
import java.io.Serializable;

/** The catalog page's form for a new image. */
public class NewImageForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private String code;
  private String os;
  private String version;
  private String architecture = "x86_64";
  private String purpose = Image.VM;

  Image toImage() {
    return new Image(code, os, version, architecture, purpose);
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getOs() {
    return os;
  }

  public void setOs(String os) {
    this.os = os;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getArchitecture() {
    return architecture;
  }

  public void setArchitecture(String architecture) {
    this.architecture = architecture;
  }

  public String getPurpose() {
    return purpose;
  }

  public void setPurpose(String purpose) {
    this.purpose = purpose;
  }
}
