package eu.federa.placement.web;

import eu.federa.cloud.PciDevice;
import eu.federa.placement.PlacementForm;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
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
  private String certifications;
  private String siteKind = "";
  private String siteName;
  private Double siteLatitude;
  private Double siteLongitude;
  private Integer latencyBudgetMs;
  private String antiAffinity = "NONE";
  private String strategy = "CHEAPEST";

  /** The placement request the form describes, checked by the placement service. */
  PlacementForm toPlacementForm() {
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
        certifications == null ? List.of() : Arrays.asList(certifications.split(",")),
        siteKind == null || siteKind.isEmpty() ? null : "edge".equals(siteKind),
        siteName,
        siteLatitude,
        siteLongitude,
        latencyBudgetMs,
        List.of(),
        List.of(),
        antiAffinity,
        strategy);
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

  public String getCertifications() {
    return certifications;
  }

  public void setCertifications(String certifications) {
    this.certifications = certifications;
  }

  public String getSiteKind() {
    return siteKind;
  }

  public void setSiteKind(String siteKind) {
    this.siteKind = siteKind;
  }

  public String getSiteName() {
    return siteName;
  }

  public void setSiteName(String siteName) {
    this.siteName = siteName;
  }

  public Double getSiteLatitude() {
    return siteLatitude;
  }

  public void setSiteLatitude(Double siteLatitude) {
    this.siteLatitude = siteLatitude;
  }

  public Double getSiteLongitude() {
    return siteLongitude;
  }

  public void setSiteLongitude(Double siteLongitude) {
    this.siteLongitude = siteLongitude;
  }

  public Integer getLatencyBudgetMs() {
    return latencyBudgetMs;
  }

  public void setLatencyBudgetMs(Integer latencyBudgetMs) {
    this.latencyBudgetMs = latencyBudgetMs;
  }

  public String getAntiAffinity() {
    return antiAffinity;
  }

  public void setAntiAffinity(String antiAffinity) {
    this.antiAffinity = antiAffinity;
  }

  public String getStrategy() {
    return strategy;
  }

  public void setStrategy(String strategy) {
    this.strategy = strategy;
  }
}
