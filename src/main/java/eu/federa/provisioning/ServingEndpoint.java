package eu.federa.provisioning;

import java.io.Serializable;
import java.util.List;

/**
 * An inference endpoint of a tenant as the AI gateway routes to it: its name (what a client puts in
 * {@code model}), the model its appliance serves, and the replicas that run now.
 */
public record ServingEndpoint(
    long serviceId,
    long tenantId,
    Long projectId,
    String name,
    String modelCode,
    List<Replica> replicas)
    implements Serializable {

  public ServingEndpoint {
    replicas = List.copyOf(replicas);
  }

  /** One running VM of the endpoint. */
  public record Replica(
      long orderId, String ipAddress, long providerId, String providerName, String countryCode)
      implements Serializable {}
}
