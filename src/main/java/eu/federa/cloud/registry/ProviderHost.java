package eu.federa.cloud.registry;

import eu.federa.cloud.CapacityUnits;
import eu.federa.cloud.Host;
import eu.federa.cloud.HostState;
import eu.federa.cloud.PciDevice;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A host of a provider as last synchronised. The version column is the host's generation, which
 * placement's capacity claims will check.
 */
@Entity
@Table(name = "provider_host")
public class ProviderHost {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "provider_id", nullable = false)
  private Long providerId;

  @Column(name = "one_host_id", nullable = false)
  private int oneHostId;

  @Column(nullable = false)
  private String name;

  @Column(name = "state_code", nullable = false)
  private int stateCode;

  @Column(name = "state_name", nullable = false, length = 40)
  private String stateName;

  @Column(name = "one_cluster_id", nullable = false)
  private int oneClusterId;

  @Column(name = "cluster_name", nullable = false)
  private String clusterName;

  @Column(name = "max_cpu_percent", nullable = false)
  private long maxCpuPercent;

  @Column(name = "allocated_cpu_percent", nullable = false)
  private long allocatedCpuPercent;

  @Column(name = "max_memory_kib", nullable = false)
  private long maxMemoryKib;

  @Column(name = "allocated_memory_kib", nullable = false)
  private long allocatedMemoryKib;

  @Column(name = "free_disk_mib", nullable = false)
  private long freeDiskMib;

  @Column(name = "running_vms", nullable = false)
  private int runningVms;

  @Column(name = "gpu_total", nullable = false)
  private int gpuTotal;

  @Column(name = "gpu_free", nullable = false)
  private int gpuFree;

  @Column(name = "synced_at", nullable = false)
  private Instant syncedAt;

  /** The next 24 hours' highest upper bound of its CPU use forecast (%), null without one. */
  @Column(name = "forecast_peak_cpu_percent")
  private Double forecastPeakCpuPercent;

  @Column(name = "forecast_made_at")
  private Instant forecastMadeAt;

  @Version
  @Column(nullable = false)
  private long version;

  /** Bumped by each placement claim on this host (see HostCapacities); the sync never writes it. */
  @Column(name = "claim_generation", nullable = false, insertable = false, updatable = false)
  private long claimGeneration;

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
  @JoinColumn(name = "provider_host_id", nullable = false)
  private List<ProviderHostGpu> gpus = new ArrayList<>();

  protected ProviderHost() {}

  ProviderHost(long providerId, int oneHostId) {
    this.providerId = providerId;
    this.oneHostId = oneHostId;
  }

  /** Takes what the provider reported now. */
  void update(Host host, Instant now) {
    name = host.name();
    stateCode = host.state().code();
    stateName = host.state().name();
    oneClusterId = host.clusterId();
    clusterName = host.clusterName() == null ? "" : host.clusterName();
    maxCpuPercent = host.maxCpuPercent();
    allocatedCpuPercent = host.allocatedCpuPercent();
    maxMemoryKib = host.maxMemoryKib();
    allocatedMemoryKib = host.allocatedMemoryKib();
    freeDiskMib = host.freeDiskMib();
    runningVms = host.runningVms();
    List<PciDevice> devices = host.gpus();
    gpuTotal = devices.size();
    gpuFree = (int) host.freeGpuCount();
    gpus.clear();
    for (PciDevice device : devices) {
      gpus.add(new ProviderHostGpu(device));
    }
    syncedAt = now;
  }

  public Long getId() {
    return id;
  }

  public long getClaimGeneration() {
    return claimGeneration;
  }

  public Long getProviderId() {
    return providerId;
  }

  public int getOneHostId() {
    return oneHostId;
  }

  public String getName() {
    return name;
  }

  public String getStateName() {
    return stateName;
  }

  public boolean isMonitored() {
    return stateCode == HostState.MONITORED;
  }

  public int getOneClusterId() {
    return oneClusterId;
  }

  public String getClusterName() {
    return clusterName;
  }

  public Double getForecastPeakCpuPercent() {
    return forecastPeakCpuPercent;
  }

  public Instant getForecastMadeAt() {
    return forecastMadeAt;
  }

  /** Its forecast's peak as refitted at {@code at} (null: too little history for one). */
  void forecast(Double peakCpuPercent, Instant at) {
    this.forecastPeakCpuPercent = peakCpuPercent;
    this.forecastMadeAt = peakCpuPercent == null ? null : at;
  }

  public double getTotalCores() {
    return CapacityUnits.cores(maxCpuPercent);
  }

  public double getFreeCores() {
    return CapacityUnits.freeCores(maxCpuPercent, allocatedCpuPercent);
  }

  public long getTotalMemoryMib() {
    return CapacityUnits.mib(maxMemoryKib);
  }

  public long getFreeMemoryMib() {
    return CapacityUnits.freeMib(maxMemoryKib, allocatedMemoryKib);
  }

  public long getFreeDiskMib() {
    return freeDiskMib;
  }

  public int getRunningVms() {
    return runningVms;
  }

  public int getGpuTotal() {
    return gpuTotal;
  }

  public int getGpuFree() {
    return gpuFree;
  }

  public List<ProviderHostGpu> getGpus() {
    return gpus;
  }

  public Instant getSyncedAt() {
    return syncedAt;
  }
}
