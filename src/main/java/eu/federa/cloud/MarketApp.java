package eu.federa.cloud;

/** An appliance of a provider's marketplace (e.g. an inference server image). */
public record MarketApp(int id, String name, int type, long sizeMib, String version) {}
