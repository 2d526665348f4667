package eu.federa.quota.web;

import eu.federa.quota.QuotaLimits;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * The fields of a limits form (an organisation's or a project's): an empty field is unlimited,
 * memory is entered in GiB.
 */
public class LimitsForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private Integer vcpu;
  private Integer memoryGib;
  private Integer gpus;
  private Integer vms;
  private Integer diskGib;
  private Integer aiEndpoints;
  private BigDecimal budgetEur;

  /** The form filled with {@code limits}; all empty for null. */
  public static LimitsForm of(QuotaLimits limits) {
    LimitsForm form = new LimitsForm();
    if (limits != null) {
      form.vcpu = limits.vcpu();
      form.memoryGib = limits.memoryMib() == null ? null : (int) (limits.memoryMib() / 1024);
      form.gpus = limits.gpus();
      form.vms = limits.vms();
      form.diskGib = limits.diskGib();
      form.aiEndpoints = limits.aiEndpoints();
      form.budgetEur = limits.monthlyBudgetEur();
    }
    return form;
  }

  public QuotaLimits toLimits() {
    return new QuotaLimits(
        vcpu,
        memoryGib == null ? null : memoryGib * 1024L,
        gpus,
        vms,
        diskGib,
        aiEndpoints,
        budgetEur);
  }

  public Integer getVcpu() {
    return vcpu;
  }

  public void setVcpu(Integer vcpu) {
    this.vcpu = vcpu;
  }

  public Integer getMemoryGib() {
    return memoryGib;
  }

  public void setMemoryGib(Integer memoryGib) {
    this.memoryGib = memoryGib;
  }

  public Integer getGpus() {
    return gpus;
  }

  public void setGpus(Integer gpus) {
    this.gpus = gpus;
  }

  public Integer getVms() {
    return vms;
  }

  public void setVms(Integer vms) {
    this.vms = vms;
  }

  public Integer getDiskGib() {
    return diskGib;
  }

  public void setDiskGib(Integer diskGib) {
    this.diskGib = diskGib;
  }

  public Integer getAiEndpoints() {
    return aiEndpoints;
  }

  public void setAiEndpoints(Integer aiEndpoints) {
    this.aiEndpoints = aiEndpoints;
  }

  public BigDecimal getBudgetEur() {
    return budgetEur;
  }

  public void setBudgetEur(BigDecimal budgetEur) {
    this.budgetEur = budgetEur;
  }
}
