package eu.federa.billing;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new price list as a platform admin enters it.
 *
 * @param gpuRates "model=EUR per GPU-hour" entries separated by semicolons or new lines, e.g.
 *     {@code H100=2.40; A100=1.60}
 * @param eurPerPublicIpHour EUR per public address and hour; empty: addresses are not offered
 * @param modelTokenRates "model=input/output" EUR per million tokens, one model (its catalog code)
 *     per line or separated by semicolons, e.g. {@code mistral-7b-instruct=0.20/0.60}; models not
 *     listed are priced at the list's token rates
 */
public record PriceListForm(
    Long providerId,
    Instant validFrom,
    Instant validUntil,
    BigDecimal eurPerVcpuHour,
    BigDecimal eurPerGibMemoryHour,
    BigDecimal eurPerGibDiskMonth,
    BigDecimal eurPerMillionTokensIn,
    BigDecimal eurPerMillionTokensOut,
    String gpuRates,
    BigDecimal eurPerPublicIpHour,
    String modelTokenRates)
    implements Serializable {

  /** A list without token prices per model. */
  public PriceListForm(
      Long providerId,
      Instant validFrom,
      Instant validUntil,
      BigDecimal eurPerVcpuHour,
      BigDecimal eurPerGibMemoryHour,
      BigDecimal eurPerGibDiskMonth,
      BigDecimal eurPerMillionTokensIn,
      BigDecimal eurPerMillionTokensOut,
      String gpuRates,
      BigDecimal eurPerPublicIpHour) {
    this(
        providerId,
        validFrom,
        validUntil,
        eurPerVcpuHour,
        eurPerGibMemoryHour,
        eurPerGibDiskMonth,
        eurPerMillionTokensIn,
        eurPerMillionTokensOut,
        gpuRates,
        eurPerPublicIpHour,
        null);
  }

  /** A list without a price for public addresses. */
  public PriceListForm(
      Long providerId,
      Instant validFrom,
      Instant validUntil,
      BigDecimal eurPerVcpuHour,
      BigDecimal eurPerGibMemoryHour,
      BigDecimal eurPerGibDiskMonth,
      BigDecimal eurPerMillionTokensIn,
      BigDecimal eurPerMillionTokensOut,
      String gpuRates) {
    this(
        providerId,
        validFrom,
        validUntil,
        eurPerVcpuHour,
        eurPerGibMemoryHour,
        eurPerGibDiskMonth,
        eurPerMillionTokensIn,
        eurPerMillionTokensOut,
        gpuRates,
        null);
  }

  /** No rate of a sovereign cloud is above this (it catches a misplaced decimal point). */
  static final BigDecimal MAX_RATE = new BigDecimal("1000");

  /**
   * The form checked on its own (overlaps with other lists are the service's).
   *
   * @throws InvalidInputException with every problem found
   */
  public Map<String, BigDecimal> check() {
    List<FieldError> errors = new ArrayList<>();
    if (providerId == null) {
      errors.add(FieldError.of("provider", "price.error.provider"));
    }
    if (validFrom == null) {
      errors.add(FieldError.of("validFrom", "price.error.from"));
    } else if (validUntil != null && !validUntil.isAfter(validFrom)) {
      errors.add(FieldError.of("validUntil", "price.error.until"));
    }
    rate(errors, "vcpu", eurPerVcpuHour, true);
    rate(errors, "memory", eurPerGibMemoryHour, true);
    rate(errors, "disk", eurPerGibDiskMonth, true);
    rate(errors, "tokensIn", eurPerMillionTokensIn, false);
    rate(errors, "tokensOut", eurPerMillionTokensOut, false);
    rate(errors, "publicIp", eurPerPublicIpHour, false);
    Map<String, BigDecimal> gpus = new LinkedHashMap<>();
    if (gpuRates != null && !gpuRates.isBlank()) {
      for (String entry : gpuRates.split("[;\\n]")) {
        if (entry.isBlank()) {
          continue;
        }
        String[] parts = entry.split("=", 2);
        try {
          String model = parts[0].trim();
          BigDecimal value = new BigDecimal(parts[1].trim());
          if (model.isEmpty()
              || model.length() > 60
              || value.signum() < 0
              || value.compareTo(MAX_RATE) > 0
              || gpus.containsKey(model)) {
            throw new NumberFormatException(entry);
          }
          gpus.put(model, value);
        } catch (RuntimeException e) {
          errors.add(FieldError.of("gpuRates", "price.error.gpu", entry.trim()));
        }
      }
    }
    modelRates(errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return gpus;
  }

  /** The token prices per model, once {@link #check} passed. */
  public Map<String, PriceList.TokenRates> modelRates() {
    List<FieldError> errors = new ArrayList<>();
    Map<String, PriceList.TokenRates> rates = modelRates(errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return rates;
  }

  private Map<String, PriceList.TokenRates> modelRates(List<FieldError> errors) {
    Map<String, PriceList.TokenRates> models = new LinkedHashMap<>();
    if (modelTokenRates == null || modelTokenRates.isBlank()) {
      return models;
    }
    for (String entry : modelTokenRates.split("[;\\n]")) {
      if (entry.isBlank()) {
        continue;
      }
      try {
        String[] parts = entry.split("=", 2);
        String model = parts[0].trim();
        String[] inOut = parts[1].split("/", 2);
        BigDecimal in = new BigDecimal(inOut[0].trim());
        BigDecimal out = new BigDecimal(inOut[1].trim());
        if (model.isEmpty()
            || model.length() > 60
            || models.containsKey(model)
            || !fits(in)
            || !fits(out)) {
          throw new NumberFormatException(entry);
        }
        models.put(model, new PriceList.TokenRates(in, out));
      } catch (RuntimeException e) {
        errors.add(FieldError.of("modelTokens", "price.error.modelTokens", entry.trim()));
      }
    }
    return models;
  }

  private static boolean fits(BigDecimal rate) {
    return rate.signum() >= 0 && rate.compareTo(MAX_RATE) <= 0 && rate.scale() <= 6;
  }

  private static void rate(
      List<FieldError> errors, String field, BigDecimal value, boolean required) {
    if (value == null) {
      if (required) {
        errors.add(FieldError.of(field, "price.error.required"));
      }
    } else if (value.signum() < 0 || value.compareTo(MAX_RATE) > 0 || value.scale() > 6) {
      errors.add(FieldError.of(field, "price.error.rate", MAX_RATE));
    }
  }
}
