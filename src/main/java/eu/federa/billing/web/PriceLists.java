package eu.federa.billing.web;

import eu.federa.billing.PriceList;
import eu.federa.billing.PriceListForm;
import eu.federa.billing.PriceService;
import eu.federa.cloud.registry.ProviderOverview;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/** Backs the platform admins' price lists page: each provider's lists, and a new one. */
@Named
@ViewScoped
public class PriceLists implements Serializable {

  /** Rows a page of the lists' table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject PriceService prices;
  @Inject ProviderRegistry registry;
  @Inject CurrentUser caller;

  private List<ProviderOverview> providers = List.of();
  private LazyDataModel<PriceList> lists;
  private Long providerId;
  private String validFrom;
  private String validUntil;
  private BigDecimal vcpu;
  private BigDecimal memory;
  private BigDecimal disk;
  private BigDecimal tokensIn;
  private BigDecimal tokensOut;
  private BigDecimal publicIp;
  private String gpuRates;
  private String modelTokens;

  @PostConstruct
  void open() {
    caller.requirePlatformAdmin();
    providers = registry.overview();
    if (!providers.isEmpty()) {
      providerId = providers.get(0).id();
    }
    show();
  }

  /** Shows the chosen provider's lists. */
  public void show() {
    Long chosen = providerId;
    lists =
        chosen == null
            ? null
            : ServerPagedList.of(
                PriceService.class,
                (service, first, max) -> service.page(chosen, first, max),
                ROWS,
                PriceList::id);
  }

  public void add() {
    List<FieldError> dates = new ArrayList<>();
    Instant from = day(validFrom, "validFrom", dates, true);
    Instant until = day(validUntil, "validUntil", dates, false);
    try {
      if (!dates.isEmpty()) {
        throw new InvalidInputException(dates);
      }
      prices.add(
          new PriceListForm(
              providerId,
              from,
              until,
              vcpu,
              memory,
              disk,
              tokensIn,
              tokensOut,
              gpuRates,
              publicIp,
              modelTokens));
      FormMessages.info("price.saved");
      show();
    } catch (InvalidInputException e) {
      FormMessages.show("prices", e.errors());
    }
  }

  /** A day (yyyy-mm-dd) as its first instant in UTC: lists change at midnight UTC. */
  private static Instant day(String text, String field, List<FieldError> errors, boolean required) {
    if (text == null || text.isBlank()) {
      if (required) {
        errors.add(FieldError.of(field, "price.error.from"));
      }
      return null;
    }
    try {
      return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(FieldError.of(field, "price.error.date"));
      return null;
    }
  }

  public List<ProviderOverview> getProviders() {
    return providers;
  }

  public LazyDataModel<PriceList> getLists() {
    return lists;
  }

  public Long getProviderId() {
    return providerId;
  }

  public void setProviderId(Long providerId) {
    this.providerId = providerId;
  }

  public String getValidFrom() {
    return validFrom;
  }

  public void setValidFrom(String validFrom) {
    this.validFrom = validFrom;
  }

  public String getValidUntil() {
    return validUntil;
  }

  public void setValidUntil(String validUntil) {
    this.validUntil = validUntil;
  }

  public BigDecimal getVcpu() {
    return vcpu;
  }

  public void setVcpu(BigDecimal vcpu) {
    this.vcpu = vcpu;
  }

  public BigDecimal getMemory() {
    return memory;
  }

  public void setMemory(BigDecimal memory) {
    this.memory = memory;
  }

  public BigDecimal getDisk() {
    return disk;
  }

  public void setDisk(BigDecimal disk) {
    this.disk = disk;
  }

  public BigDecimal getTokensIn() {
    return tokensIn;
  }

  public void setTokensIn(BigDecimal tokensIn) {
    this.tokensIn = tokensIn;
  }

  public BigDecimal getTokensOut() {
    return tokensOut;
  }

  public void setTokensOut(BigDecimal tokensOut) {
    this.tokensOut = tokensOut;
  }

  public BigDecimal getPublicIp() {
    return publicIp;
  }

  public void setPublicIp(BigDecimal publicIp) {
    this.publicIp = publicIp;
  }

  public String getGpuRates() {
    return gpuRates;
  }

  public void setGpuRates(String gpuRates) {
    this.gpuRates = gpuRates;
  }

  public String getModelTokens() {
    return modelTokens;
  }

  public void setModelTokens(String modelTokens) {
    this.modelTokens = modelTokens;
  }

  public int getRows() {
    return ROWS;
  }
}
