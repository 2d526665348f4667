package eu.federa.storage;

/**
 * A VM as volumes see it: the order it belongs to, its project, its provider and its id there (null
 * before it was deployed). Provisioning gives it; storage never reads orders itself.
 */
public record VmTarget(
    long orderId,
    long tenantId,
    Long projectId,
    String vmName,
    long providerId,
    String providerName,
    String countryCode,
    Integer oneVmId) {}
