package eu.federa.cloud;

/** An OpenNebula zone: one front-end. */
public record Zone(int id, String name, int state, String endpoint) {}
