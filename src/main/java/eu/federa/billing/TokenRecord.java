package eu.federa.billing;

import java.time.Instant;

/**
 * Tokens an AI endpoint served over a period: one request through the gateway, or a report of the
 * serving appliance.
 *
 * @param keyId the API key of a request through the gateway; null for a report
 * @param estimated counted by Federa because the model server reported none
 * @param reportKey makes it count once, however often it is written
 */
public record TokenRecord(
    long tenantId,
    Long projectId,
    long serviceId,
    Long keyId,
    String modelCode,
    long providerId,
    String providerName,
    String countryCode,
    Instant periodStart,
    Instant periodEnd,
    long inputTokens,
    long outputTokens,
    boolean estimated,
    String reportKey) {

  public TokenRecord {
    if (inputTokens < 0 || outputTokens < 0 || periodEnd.isBefore(periodStart)) {
      throw new IllegalArgumentException("token counts must be positive over a period");
    }
  }
}
