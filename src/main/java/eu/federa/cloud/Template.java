package eu.federa.cloud;

import java.util.Map;

/**
 * A VM template of a provider, with the attributes Federa reads (the rest in {@code attributes}).
 */
public record Template(
    int id, String name, double cpu, int vcpu, long memoryMib, Map<String, String> attributes) {

  public Template {
    attributes = Map.copyOf(attributes);
  }
}
