package eu.federa.platform.config;

/**
 * One documented configuration value. It is looked up as a system property first, then as an
 * environment variable, then falls back to its default, the same order the WildFly CLI expressions
 * in {@code wildfly-config/} use.
 */
public enum Setting {
  OIDC_PROVIDER_URL(
      "federa.oidc.provider-url", "OIDC_PROVIDER_URL", "http://127.0.0.1:8180/realms/federa"),
  /** The portal's address as users reach it, for links in messages; empty: the request's own. */
  PUBLIC_URL("federa.public-url", "FEDERA_PUBLIC_URL", ""),
  /** How long an invitation link works. */
  INVITATION_VALID_DAYS("federa.invitation.valid-days", "FEDERA_INVITATION_VALID_DAYS", "7"),
  /** Client of the {@code federa} realm whose service account administers Keycloak users. */
  KEYCLOAK_ADMIN_CLIENT_ID(
      "federa.keycloak.admin-client-id", "KEYCLOAK_ADMIN_CLIENT_ID", "federa-admin"),
  KEYCLOAK_ADMIN_CLIENT_SECRET(
      "federa.keycloak.admin-client-secret", "KEYCLOAK_ADMIN_CLIENT_SECRET", ""),
  /** JSON file of the demo federation's providers, catalog and prices (demo only). */
  DEMO_FEDERATION("federa.demo.federation", "FEDERA_DEMO_FEDERATION", ""),
  /** JSON file of demo organisations loaded at first start (demo only). */
  DEMO_TENANTS("federa.demo.tenants", "FEDERA_DEMO_TENANTS", ""),
  /** How often each provider's VMs are compared with Federa's orders. */
  RECONCILE_INTERVAL_SECONDS(
      "federa.reconcile.interval-seconds", "FEDERA_RECONCILE_INTERVAL_SECONDS", "60"),
  /** How long an order may wait for a tenant admin's approval before it expires. */
  APPROVAL_EXPIRY_DAYS("federa.approval.expiry-days", "FEDERA_APPROVAL_EXPIRY_DAYS", "7"),
  /** How long a VM carrying an unknown Federa order id may live before it is terminated. */
  ORPHAN_GRACE_SECONDS("federa.orphan.grace-seconds", "FEDERA_ORPHAN_GRACE_SECONDS", "900"),
  /**
   * Running time the provider's accounting reports and Federa did not meter is written as usage
   * when the gap is at least this long; shorter gaps are the delay before Federa sees a change.
   */
  METERING_TOLERANCE_SECONDS(
      "federa.metering.tolerance-seconds", "FEDERA_METERING_TOLERANCE_SECONDS", "120"),
  /** The country the invoicing entity is established in (its VAT applies at home). */
  INVOICE_SELLER_COUNTRY("federa.invoice.seller-country", "FEDERA_INVOICE_SELLER_COUNTRY", "FR"),
  /** The invoicing entity's name and VAT id, printed on invoices. */
  INVOICE_SELLER_NAME("federa.invoice.seller-name", "FEDERA_INVOICE_SELLER_NAME", "Federa"),
  INVOICE_SELLER_VAT_ID("federa.invoice.seller-vat-id", "FEDERA_INVOICE_SELLER_VAT_ID", ""),
  /**
   * The keys that seal stored secrets, {@code id:base64key[,...]}, the current one first (see
   * SecretSeal); never stored in the database.
   */
  SECRET_KEYS("federa.secret-keys", "FEDERA_SECRET_KEYS", ""),
  /** How often budgets are compared with this month's spend. */
  BUDGET_CHECK_INTERVAL_SECONDS(
      "federa.budget.check-interval-seconds", "FEDERA_BUDGET_CHECK_INTERVAL_SECONDS", "300");

  private final String property;
  private final String environmentVariable;
  private final String defaultValue;

  Setting(String property, String environmentVariable, String defaultValue) {
    this.property = property;
    this.environmentVariable = environmentVariable;
    this.defaultValue = defaultValue;
  }

  /** The value as a whole number, or the default when it is not one. */
  public int intValue() {
    try {
      return Integer.parseInt(value());
    } catch (NumberFormatException e) {
      return Integer.parseInt(defaultValue);
    }
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
