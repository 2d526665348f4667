package eu.federa.catalog.web;

import eu.federa.catalog.Model;
import java.io.Serializable;
import java.math.BigDecimal;

/** The catalog page's form for a new open-weight model. */
public class NewModelForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private String code;
  private String name;
  private BigDecimal parameters;
  private String licence;
  private int gpuMemoryGib = 24;
  private int context = 32768;

  Model toModel() {
    return new Model(code, name, parameters, licence, gpuMemoryGib, context);
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public BigDecimal getParameters() {
    return parameters;
  }

  public void setParameters(BigDecimal parameters) {
    this.parameters = parameters;
  }

  public String getLicence() {
    return licence;
  }

  public void setLicence(String licence) {
    this.licence = licence;
  }

  public int getGpuMemoryGib() {
    return gpuMemoryGib;
  }

  public void setGpuMemoryGib(int gpuMemoryGib) {
    this.gpuMemoryGib = gpuMemoryGib;
  }

  public int getContext() {
    return context;
  }

  public void setContext(int context) {
    this.context = context;
  }
}
