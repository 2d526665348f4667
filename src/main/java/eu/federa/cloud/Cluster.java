package eu.federa.cloud;

import java.util.List;

/** A cluster of a provider: a group of hosts with their datastores and networks. */
public record Cluster(
    int id,
    String name,
    List<Integer> hostIds,
    List<Integer> datastoreIds,
    List<Integer> networkIds) {

  public Cluster {
    hostIds = List.copyOf(hostIds);
    datastoreIds = List.copyOf(datastoreIds);
    networkIds = List.copyOf(networkIds);
  }
}
