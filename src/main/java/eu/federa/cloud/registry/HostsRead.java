package eu.federa.cloud.registry;

import java.time.Instant;

/**
 * A provider's hosts as read at {@code readAt} are now Federa's inventory of them (fired inside the
 * transaction that stores them): whatever ran on a host before that moment is in its numbers.
 */
public record HostsRead(long providerId, Instant readAt) {}
