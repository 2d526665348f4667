package eu.federa.platform.config;

/**
 * One documented configuration value. It is looked up as a system property first, then as an
 * environment variable, then falls back to its default, the same order the WildFly CLI expressions
 * in {@code wildfly-config/} use.
 */
public enum Setting {
  OIDC_PROVIDER_URL(
      "federa.oidc.provider-url", "OIDC_PROVIDER_URL", "http://127.0.0.1:8180/realms/federa");

  private final String property;
  private final String environmentVariable;
  private final String defaultValue;

  Setting(String property, String environmentVariable, String defaultValue) {
    this.property = property;
    this.environmentVariable = environmentVariable;
    this.defaultValue = defaultValue;
  }

  public String value() {
    return resolve(System.getProperty(property), System.getenv(environmentVariable));
  }

  /** The rule itself, separate from the process environment so that it can be tested. */
  String resolve(String propertyValue, String environmentValue) {
    if (propertyValue != null && !propertyValue.isBlank()) {
      return propertyValue.trim();
    }
    if (environmentValue != null && !environmentValue.isBlank()) {
      return environmentValue.trim();
    }
    return defaultValue;
  }
}
