package eu.federa.cloud.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A cluster of a provider as last synchronised. */
@Entity
@Table(name = "provider_cluster")
public class ProviderCluster {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "provider_id", nullable = false)
  private Long providerId;

  @Column(name = "one_cluster_id", nullable = false)
  private int oneClusterId;

  @Column(nullable = false)
  private String name;

  @Column(name = "host_count", nullable = false)
  private int hostCount;

  protected ProviderCluster() {}

  ProviderCluster(long providerId, int oneClusterId) {
    this.providerId = providerId;
    this.oneClusterId = oneClusterId;
  }

  void update(String name, int hostCount) {
    this.name = name;
    this.hostCount = hostCount;
  }

  public int getOneClusterId() {
    return oneClusterId;
  }

  public String getName() {
    return name;
  }

  public int getHostCount() {
    return hostCount;
  }
}
