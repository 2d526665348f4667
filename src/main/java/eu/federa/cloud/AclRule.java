package eu.federa.cloud;

/**
 * One rule of a provider's access-control list, as OpenNebula prints it: {@code "@105 VM+TEMPLATE/*
 * CREATE *"} (who, which resources, which rights, which zone).
 */
public record AclRule(int id, String text) {}
