package eu.federa.placement.web;

import eu.federa.cloud.PciDevice;
import eu.federa.placement.PlacementChoices;
import eu.federa.placement.PlacementForm;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The what-if page's request: what to place and under which rules (memory and disk in GiB). */
public class WhatIfForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private Double vcpu = 4.0;
  private Long memoryGib = 16L;
  private Long diskGib = 100L;
  private Integer gpus = 0;
  private String gpuModel;
  private Integer instances = 1;
  private List<String> countries = new ArrayList<>();
  private String antiAffinity = "NONE";
  private final PlacementChoicesInput choices = new PlacementChoicesInput();

  /** The placement request the form describes, checked by the placement service. */
  PlacementForm toPlacementForm() {
    PlacementChoices chosen = choices.toChoices();
    return new PlacementForm(
        null,
        vcpu,
        memoryGib == null ? null : memoryGib * 1024,
        diskGib,
        gpus,
        gpus != null && gpus > 0 ? PciDevice.CLASS_3D_CONTROLLER : null,
        gpuModel,
        instances,
        countries,
        chosen.certifications(),
        chosen.edge(),
        chosen.siteName(),
        chosen.siteLatitude(),
        chosen.siteLongitude(),
        chosen.latencyBudgetMs(),
        chosen.includeProviders(),
        chosen.excludeProviders(),
        antiAffinity,
        chosen.strategy());
  }

  /** Where it should run: the fields an order has too. */
  public PlacementChoicesInput getChoices() {
    return choices;
  }

  public Double getVcpu() {
    return vcpu;
  }

  public void setVcpu(Double vcpu) {
    this.vcpu = vcpu;
  }

  public Long getMemoryGib() {
    return memoryGib;
  }

  public void setMemoryGib(Long memoryGib) {
    this.memoryGib = memoryGib;
  }

  public Long getDiskGib() {
    return diskGib;
  }

  public void setDiskGib(Long diskGib) {
    this.diskGib = diskGib;
  }

  public Integer getGpus() {
    return gpus;
  }

  public void setGpus(Integer gpus) {
    this.gpus = gpus;
  }

  public String getGpuModel() {
    return gpuModel;
  }

  public void setGpuModel(String gpuModel) {
    this.gpuModel = gpuModel;
  }

  public Integer getInstances() {
    return instances;
  }

  public void setInstances(Integer instances) {
    this.instances = instances;
  }

  public List<String> getCountries() {
    return countries;
  }

  public void setCountries(List<String> countries) {
    this.countries = countries;
  }

  public String getAntiAffinity() {
    return antiAffinity;
  }

  public void setAntiAffinity(String antiAffinity) {
    this.antiAffinity = antiAffinity;
  }
}
