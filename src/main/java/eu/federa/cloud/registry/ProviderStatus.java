package eu.federa.cloud.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A provider's health as the last sync saw it; shared by all nodes through the database. */
@Entity
@Table(name = "provider_status")
public class ProviderStatus {

  @Id
  @Column(name = "provider_id")
  private Long providerId;

  @Column(nullable = false)
  private boolean reachable;

  @Column(name = "api_version", length = 50)
  private String apiVersion;

  @Column(name = "last_sync_at")
  private Instant lastSyncAt;

  @Column(name = "last_attempt_at")
  private Instant lastAttemptAt;

  @Column(name = "last_error", length = 500)
  private String lastError;

  @Enumerated(EnumType.STRING)
  @Column(name = "last_error_kind", length = 20)
  private ProviderError lastErrorKind;

  @Column(name = "latency_ms")
  private Integer latencyMs;

  @Column(nullable = false, length = 20)
  private String circuit = "CLOSED";

  @Column(name = "consecutive_failures", nullable = false)
  private int consecutiveFailures;

  @Column(name = "next_sync_at", nullable = false)
  private Instant nextSyncAt;

  @Column(name = "sync_claim", length = 36)
  private String syncClaim;

  @Column(name = "sync_claim_until")
  private Instant syncClaimUntil;

  @Column(name = "monitoring_until")
  private Instant monitoringUntil;

  @Column(name = "monitoring_next_at")
  private Instant monitoringNextAt;

  @Column(name = "forecast_next_at")
  private Instant forecastNextAt;

  protected ProviderStatus() {}

  ProviderStatus(long providerId, Instant nextSyncAt) {
    this.providerId = providerId;
    this.nextSyncAt = nextSyncAt;
  }

  void succeeded(Instant at, String version, Integer latency, String circuitState) {
    reachable = true;
    apiVersion = version;
    lastSyncAt = at;
    lastAttemptAt = at;
    lastError = null;
    lastErrorKind = null;
    latencyMs = latency;
    circuit = circuitState;
    consecutiveFailures = 0;
  }

  void failed(Instant at, ProviderError kind, String error, String circuitState) {
    reachable = false;
    lastAttemptAt = at;
    lastError = error.length() > 500 ? error.substring(0, 500) : error;
    lastErrorKind = kind;
    circuit = circuitState;
    consecutiveFailures++;
  }

  /**
   * Takes the sync of this provider for {@code token} until {@code until}, unless another sync
   * holds a live claim. The caller holds the row's lock.
   */
  boolean claim(String token, Instant now, Instant until) {
    if (syncClaim != null && syncClaimUntil != null && syncClaimUntil.isAfter(now)) {
      return false;
    }
    syncClaim = token;
    syncClaimUntil = until;
    return true;
  }

  /** Whether {@code token} still holds the sync (a claim taken over after its lease does not). */
  boolean heldBy(String token) {
    return token.equals(syncClaim);
  }

  void release() {
    syncClaim = null;
    syncClaimUntil = null;
  }

  void syncAgainAt(Instant when) {
    nextSyncAt = when;
  }

  /** Whether the provider's monitoring is to be read with this sync. */
  boolean monitoringDue(Instant now) {
    return monitoringNextAt == null || !monitoringNextAt.isAfter(now);
  }

  /** Whether the hosts' forecasts are due to be refitted at {@code now}. */
  boolean forecastDue(Instant now) {
    return forecastNextAt == null || !forecastNextAt.isAfter(now);
  }

  /** The forecasts were refitted; again at {@code next}. */
  void forecastMade(Instant next) {
    forecastNextAt = next;
  }

  /** The newest monitoring record taken in; null before the first. */
  Instant getMonitoringUntil() {
    return monitoringUntil;
  }

  /** Records the monitoring read: taken in up to {@code until}, read again at {@code next}. */
  void monitoringRead(Instant until, Instant next) {
    if (until != null && (monitoringUntil == null || until.isAfter(monitoringUntil))) {
      monitoringUntil = until;
    }
    monitoringNextAt = next;
  }

  public Long getProviderId() {
    return providerId;
  }

  public boolean isReachable() {
    return reachable;
  }

  public String getApiVersion() {
    return apiVersion;
  }

  public Instant getLastSyncAt() {
    return lastSyncAt;
  }

  public Instant getLastAttemptAt() {
    return lastAttemptAt;
  }

  public String getLastError() {
    return lastError;
  }

  /** What kind of failure {@link #getLastError} is; null before kinds were kept. */
  public ProviderError getLastErrorKind() {
    return lastErrorKind;
  }

  public Integer getLatencyMs() {
    return latencyMs;
  }

  public String getCircuit() {
    return circuit;
  }

  public int getConsecutiveFailures() {
    return consecutiveFailures;
  }

  public Instant getNextSyncAt() {
    return nextSyncAt;
  }
}
