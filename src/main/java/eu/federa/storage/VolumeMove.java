package eu.federa.storage;

/**
 * Where a volume is after its VM's move (or after the move was taken back): the provider, the image
 * there, and the VM's disk it is.
 */
public record VolumeMove(
    long volumeId,
    long providerId,
    String providerName,
    String countryCode,
    Integer datastoreId,
    int imageId,
    int vmId,
    int diskId) {}
