package eu.federa.cloud;

/** A disk image of a provider. */
public record Image(int id, String name, int type, int state, long sizeMib, int datastoreId) {}
