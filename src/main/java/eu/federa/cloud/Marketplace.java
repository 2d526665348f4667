package eu.federa.cloud;

/** A provider's marketplace: its driver ({@code http}, {@code s3}, ...) and base URL, if any. */
public record Marketplace(int id, String name, String driver, String baseUrl) {}
