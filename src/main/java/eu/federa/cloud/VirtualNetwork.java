package eu.federa.cloud;

/** A virtual network of a provider; {@code usedLeases} IPs are handed out. */
public record VirtualNetwork(int id, String name, int clusterCount, int usedLeases) {}
