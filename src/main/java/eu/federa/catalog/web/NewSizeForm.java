package eu.federa.catalog.web;

import eu.federa.catalog.Size;
import eu.federa.cloud.PciDevice;
import java.io.Serializable;

/** The catalog page's form for a new size (memory entered in GiB). */
public class NewSizeForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private String code;
  private String name;
  private int vcpu = 2;
  private int memoryGib = 4;
  private int diskGib = 20;
  private int gpus;
  private String gpuClass = PciDevice.CLASS_3D_CONTROLLER;
  private String gpuModel;
  private int gpuMemoryGib;

  Size toSize() {
    return new Size(
        code, name, vcpu, memoryGib * 1024L, diskGib, gpus, gpuClass, gpuModel, gpuMemoryGib);
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

  public int getVcpu() {
    return vcpu;
  }

  public void setVcpu(int vcpu) {
    this.vcpu = vcpu;
  }

  public int getMemoryGib() {
    return memoryGib;
  }

  public void setMemoryGib(int memoryGib) {
    this.memoryGib = memoryGib;
  }

  public int getDiskGib() {
    return diskGib;
  }

  public void setDiskGib(int diskGib) {
    this.diskGib = diskGib;
  }

  public int getGpus() {
    return gpus;
  }

  public void setGpus(int gpus) {
    this.gpus = gpus;
  }

  public String getGpuClass() {
    return gpuClass;
  }

  public void setGpuClass(String gpuClass) {
    this.gpuClass = gpuClass;
  }

  public String getGpuModel() {
    return gpuModel;
  }

  public void setGpuModel(String gpuModel) {
    this.gpuModel = gpuModel;
  }

  public int getGpuMemoryGib() {
    return gpuMemoryGib;
  }

  public void setGpuMemoryGib(int gpuMemoryGib) {
    this.gpuMemoryGib = gpuMemoryGib;
  }
}
