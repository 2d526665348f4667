package eu.federa.provisioning.web;

import eu.federa.cloud.CloudException;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.provisioning.DriftComparison;
import eu.federa.provisioning.DriftRepairs;
import eu.federa.provisioning.QuotaDrift;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Backs the drift of one organisation at one provider (platform admins): both sides' totals, the
 * VMs that explain each difference, and the repair that fits each.
 */
@Named
@ViewScoped
public class DriftDetailPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject QuotaDrift drift;
  @Inject DriftRepairs repairs;

  private Long provider;
  private Long tenant;
  private QuotaDrift.Detail detail;

  /** Per VM: the project it is to be adopted into, the reason it is foreign. */
  private final Map<Integer, Long> projects = new HashMap<>();

  private final Map<Integer, String> reasons = new HashMap<>();

  /** Loads the pair named by {@code ?provider=&tenant=}; an unknown one answers 404. */
  public void open() throws IOException {
    if (provider == null || tenant == null) {
      Pages.notFound();
      return;
    }
    try {
      load();
    } catch (NotFoundException e) {
      Pages.notFound();
    }
  }

  private void load() {
    detail = drift.detail(provider, tenant);
  }

  public void adopt(int vmId) {
    repair(() -> repairs.adopt(provider, vmId, projectOf(vmId)), "drift.adopted", "adopt-" + vmId);
  }

  public void markForeign(int vmId) {
    repair(
        () -> repairs.markForeign(provider, vmId, reasons.get(vmId)),
        "drift.markedForeign",
        "reason-" + vmId);
  }

  public void release(long orderId) {
    repair(() -> repairs.release(provider, orderId), "drift.released", null);
  }

  public void recount() {
    try {
      FormMessages.info("drift.recounted", drift.recount(tenant));
    } catch (CloudException e) {
      FormMessages.error("drift.providerError", e.getMessage());
    }
    load();
  }

  private long projectOf(int vmId) {
    Long project = projects.get(vmId);
    if (project == null) {
      throw new InvalidInputException(
          eu.federa.platform.validation.FieldError.of("project", "drift.error.project"));
    }
    return project;
  }

  private void repair(Supplier<DriftRepairs.Outcome> action, String doneKey, String field) {
    try {
      DriftRepairs.Outcome outcome = action.get();
      // An identifier, written as it is: a number would be grouped like a count.
      FormMessages.info(doneKey, outcome.orderId() == null ? "" : outcome.orderId().toString());
      if (!outcome.rechecked()) {
        FormMessages.info("drift.recheckLater");
      }
    } catch (InvalidInputException e) {
      FormMessages.show(null, e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("drift.error.gone");
    } catch (CloudException e) {
      FormMessages.error("drift.providerError", e.getMessage());
    }
    load();
  }

  /** "2 × H100, 1 × any model": the GPUs of a side, by model. */
  public String gpus(DriftComparison.Shape shape) {
    return gpuText(shape.gpus());
  }

  /** The same for a count of GPUs of one model. */
  public String model(String model) {
    return model == null || model.isEmpty() ? FormMessages.text("drift.anyModel") : model;
  }

  private String gpuText(Map<String, Integer> gpus) {
    if (gpus.isEmpty()) {
      return "\u2014";
    }
    StringBuilder text = new StringBuilder();
    gpus.forEach(
        (model, n) ->
            text.append(text.isEmpty() ? "" : ", ")
                .append(n)
                .append(" \u00d7 ")
                .append(model(model)));
    return text.toString();
  }

  public Long getProvider() {
    return provider;
  }

  public void setProvider(Long provider) {
    this.provider = provider;
  }

  public Long getTenant() {
    return tenant;
  }

  public void setTenant(Long tenant) {
    this.tenant = tenant;
  }

  public QuotaDrift.Detail getDetail() {
    return detail;
  }

  public Map<Integer, Long> getProjects() {
    return projects;
  }

  public Map<Integer, String> getReasons() {
    return reasons;
  }
}
