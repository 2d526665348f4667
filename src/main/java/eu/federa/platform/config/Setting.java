package eu.federa.platform.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One documented configuration value, read through MicroProfile Config: a system property, then an
 * environment variable (MicroProfile's mapping: {@code federa.public-url} is also {@code
 * FEDERA_PUBLIC_URL}), then WildFly's config sources, then the default written here. A value that
 * is not of the setting's kind is an error, never a silent default: {@link SettingsCheck} stops the
 * deployment on it with the setting's name and what it expects.
 */
public enum Setting {
  OIDC_PROVIDER_URL(
      "federa.oidc.provider-url",
      "OIDC_PROVIDER_URL",
      Kind.URL,
      "http://127.0.0.1:8180/realms/federa"),
  /** The portal's client in that realm (also read by wildfly-config/oidc.cli). */
  OIDC_CLIENT_ID("federa.oidc.client-id", "OIDC_CLIENT_ID", Kind.TEXT, "federa-portal"),
  /** The portal's address as users reach it, for links in messages; empty: the request's own. */
  PUBLIC_URL("federa.public-url", null, Kind.URL, ""),
  /** How long an invitation link works. */
  INVITATION_VALID_DAYS("federa.invitation.valid-days", null, Kind.POSITIVE_WHOLE_NUMBER, "7"),
  /** Client of the {@code federa} realm whose service account administers Keycloak users. */
  KEYCLOAK_ADMIN_CLIENT_ID(
      "federa.keycloak.admin-client-id", "KEYCLOAK_ADMIN_CLIENT_ID", Kind.TEXT, "federa-admin"),
  KEYCLOAK_ADMIN_CLIENT_SECRET(
      "federa.keycloak.admin-client-secret", "KEYCLOAK_ADMIN_CLIENT_SECRET", Kind.TEXT, ""),
  /** JSON file of the demo federation's providers, catalog and prices (demo only). */
  DEMO_FEDERATION("federa.demo.federation", null, Kind.TEXT, ""),
  /** JSON file of demo organisations loaded at first start (demo only). */
  DEMO_TENANTS("federa.demo.tenants", null, Kind.TEXT, ""),
  /**
   * How often each node looks for due background work (provisioning steps, billing runs), and how
   * soon a VM that is still booting or stopping is looked at again.
   */
  WORKER_POLL_MILLIS("federa.worker.poll-millis", null, Kind.POSITIVE_WHOLE_NUMBER, "1000"),
  /**
   * How many addresses of a provider's network are reserved for a tenant at a time: its first VM
   * there reserves a block, and another block is added whenever the tenant's are all in use.
   */
  TENANT_NETWORK_SIZE("federa.tenant-network.size", null, Kind.POSITIVE_WHOLE_NUMBER, "8"),
  /** How many snapshots of VM disks one project (or an organisation's own VMs) may keep. */
  SNAPSHOTS_PER_PROJECT("federa.snapshots.per-project", null, Kind.POSITIVE_WHOLE_NUMBER, "10"),
  /** The hour (UTC) at which VMs' daily backups are made. */
  BACKUP_HOUR_UTC("federa.backup.hour-utc", null, Kind.HOUR, "2"),
  /**
   * How often pages showing work in progress look again, as a percentage of each page's usual pace
   * (2 to 5 seconds): 100 as usual, 50 twice as often.
   */
  PAGE_REFRESH_PERCENT("federa.page.refresh-percent", null, Kind.POSITIVE_WHOLE_NUMBER, "100"),
  /** How often each provider's health and inventory are refreshed (shared by all nodes). */
  SYNC_INTERVAL_SECONDS("federa.sync.interval-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "5"),
  /**
   * How long a node stops calling a provider after three calls in a row failed to reach it, before
   * it lets one call through to try again (the provider's circuit breaker).
   */
  PROVIDER_CIRCUIT_OPEN_SECONDS(
      "federa.provider.circuit-open-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "15"),
  /** How often each provider's host monitoring is read into the utilisation history (issue #20). */
  MONITORING_INTERVAL_SECONDS(
      "federa.monitoring.interval-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "300"),
  /**
   * How many hours of host monitoring the first reading of a provider asks for: an hour fits what
   * OpenNebula keeps by default (12 hours); a provider configured to keep more can give its
   * forecasts days of history at once (the demo asks for 72 hours).
   */
  MONITORING_FIRST_READ_HOURS(
      "federa.monitoring.first-read-hours", null, Kind.POSITIVE_WHOLE_NUMBER, "1"),
  /** How often each provider's hosts' utilisation forecasts are refitted from their history. */
  FORECAST_INTERVAL_SECONDS(
      "federa.forecast.interval-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "3600"),
  /**
   * How often automatic rebalancing makes a plan and starts its moves within its limits, when a
   * platform admin has switched it on.
   */
  REBALANCE_INTERVAL_SECONDS(
      "federa.rebalance.interval-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "3600"),
  /** How long each host's five-minute utilisation points are kept (hourly ones: a year). */
  MONITORING_KEEP_DAYS("federa.monitoring.keep-days", null, Kind.POSITIVE_WHOLE_NUMBER, "14"),
  /** How often each provider's VMs are compared with Federa's orders. */
  RECONCILE_INTERVAL_SECONDS(
      "federa.reconcile.interval-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "60"),
  /** How long an order may wait for a tenant admin's approval before it expires. */
  APPROVAL_EXPIRY_DAYS("federa.approval.expiry-days", null, Kind.POSITIVE_WHOLE_NUMBER, "7"),
  /** How long a VM carrying an unknown Federa order id may live before it is terminated. */
  ORPHAN_GRACE_SECONDS("federa.orphan.grace-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "900"),
  /**
   * Running time the provider's accounting reports and Federa did not meter is written as usage
   * when the gap is at least this long; shorter gaps are the delay before Federa sees a change.
   */
  METERING_TOLERANCE_SECONDS(
      "federa.metering.tolerance-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "120"),
  /** The country the invoicing entity is established in (its VAT applies at home). */
  INVOICE_SELLER_COUNTRY("federa.invoice.seller-country", null, Kind.COUNTRY, "FR"),
  /** The invoicing entity's name and VAT id, printed on invoices. */
  INVOICE_SELLER_NAME("federa.invoice.seller-name", null, Kind.TEXT, "Federa"),
  INVOICE_SELLER_VAT_ID("federa.invoice.seller-vat-id", null, Kind.TEXT, ""),
  /**
   * The keys that seal stored secrets, {@code id:base64key[,...]}, the current one first (see
   * SecretSeal); never stored in the database.
   */
  SECRET_KEYS("federa.secret-keys", null, Kind.TEXT, ""),
  /** How often budgets are compared with this month's spend. */
  BUDGET_CHECK_INTERVAL_SECONDS(
      "federa.budget.check-interval-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "300"),
  /**
   * Where export bundles are written and read from; empty: {@code federa-exports} in the server's
   * data directory. Every node must see the same directory (a shared file system).
   */
  EXPORT_DIR("federa.export.dir", null, Kind.TEXT, ""),
  /** How long a ready export bundle stays downloadable (the Data Act asks at least 30 days). */
  EXPORT_RETENTION_DAYS("federa.export.retention-days", null, Kind.POSITIVE_WHOLE_NUMBER, "30"),
  /**
   * A VM disk of an export up to this size is put in the bundle itself; a larger one is listed in
   * it with a signed download link that works as long as the bundle is kept.
   */
  EXPORT_INLINE_DISK_MIB("federa.export.inline-disk-mib", null, Kind.POSITIVE_WHOLE_NUMBER, "64"),
  /**
   * How long a VM's source is kept, stopped, after a move to another provider cut over, unless its
   * user confirms the move or takes it back before.
   */
  MOVE_KEEP_SOURCE_HOURS("federa.move.keep-source-hours", null, Kind.POSITIVE_WHOLE_NUMBER, "24"),
  /**
   * The throughput a move's disk copy is assumed to reach (MiB/s) for its expected downtime, until
   * moves have been measured.
   */
  MOVE_ASSUMED_MIB_PER_SECOND(
      "federa.move.assumed-mib-per-second", null, Kind.POSITIVE_WHOLE_NUMBER, "100"),
  /**
   * How many moves of a plan (a project's, a provider's evacuation) run at once off one provider:
   * each move's provider calls are few, so that the provider's call budget is kept.
   */
  MOVE_PARALLEL_PER_PROVIDER(
      "federa.move.parallel-per-provider", null, Kind.POSITIVE_WHOLE_NUMBER, "2"),
  /**
   * How long invoices, and the usage they bill, are kept after a tenant leaves: the accounting and
   * tax law of the invoicing entity's country (10 years under the French Code de commerce and the
   * German Abgabenordnung).
   */
  INVOICE_RETENTION_YEARS("federa.invoice.retention-years", null, Kind.POSITIVE_WHOLE_NUMBER, "10"),
  /**
   * The platform's Ed25519 key that signs erasure records: the PKCS#8 private key and the X.509
   * public key, base64, joined by a dot; never stored in the database. The demo and tests make one.
   */
  RECORD_SIGNING_KEY("federa.record.signing-key", null, Kind.TEXT, ""),
  /**
   * Where the AI gateway reaches an inference replica's OpenAI-compatible server: {@code {ip}} is
   * the VM's address, {@code {front-end}} its provider's front-end origin (scheme, host and port),
   * for a provider that forwards appliance traffic there (the demo's simulated providers do).
   */
  AI_REPLICA_URL("federa.ai.replica-url", null, Kind.TEXT, "http://{ip}:8000"),
  /**
   * Where a notebook VM's JupyterLab is opened, through a link signed for one member ({@code {ip}}
   * and {@code {front-end}} as for {@link #AI_REPLICA_URL}).
   */
  AI_NOTEBOOK_URL("federa.ai.notebook-url", null, Kind.TEXT, "http://{ip}:8888/lab"),
  /**
   * How long a node trusts what it read of an API key (revoked, expired, its scope); a revocation
   * clears it at once on the node that made it, and within this time on the others.
   */
  AI_KEY_CACHE_MILLIS("federa.ai.key-cache-millis", null, Kind.POSITIVE_WHOLE_NUMBER, "2000"),
  /** How long the gateway waits for a replica's first byte before it tries another. */
  AI_UPSTREAM_TIMEOUT_SECONDS(
      "federa.ai.upstream-timeout-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "120"),
  /** How many requests the gateway serves at once on a node; more are refused with 503. */
  AI_MAX_CONCURRENT("federa.ai.max-concurrent", null, Kind.POSITIVE_WHOLE_NUMBER, "1000"),
  /**
   * Where a node journals the token records of the calls it answered before they are in the
   * database: {@code federa-token-journal} in WildFly's data directory unless set. Each node needs
   * its own.
   */
  AI_JOURNAL_DIR("federa.ai.journal-dir", null, Kind.TEXT, ""),
  /**
   * How often the token journal is forced to disk, in milliseconds; 0: before each answer (the
   * answers that end together share one forcing). A killed process loses nothing either way; a
   * power loss may lose the records of this long.
   */
  AI_JOURNAL_FORCE_MILLIS("federa.ai.journal-force-millis", null, Kind.WHOLE_NUMBER, "1000"),
  /**
   * The mail server the outbox is delivered to (SMTP); empty: none, messages are only kept in the
   * outbox.
   */
  SMTP_HOST("federa.smtp.host", null, Kind.TEXT, ""),
  SMTP_PORT("federa.smtp.port", null, Kind.POSITIVE_WHOLE_NUMBER, "25"),
  /**
   * How the connection to the mail server is protected: {@code starttls} (required, never sent in
   * clear when the server does not offer it), {@code tls} (implicit TLS, port 465) or {@code none}.
   */
  SMTP_SECURITY("federa.smtp.security", null, Kind.SMTP_SECURITY, "starttls"),
  /** The account to authenticate with at the mail server; empty: none. */
  SMTP_USERNAME("federa.smtp.username", null, Kind.TEXT, ""),
  SMTP_PASSWORD("federa.smtp.password", null, Kind.TEXT, ""),
  /** The sender of the portal's messages. */
  MAIL_FROM("federa.mail.from", null, Kind.TEXT, "Federa <no-reply@localhost>"),
  /** How long a message waits before its first retry; doubled after each, up to an hour. */
  MAIL_RETRY_SECONDS("federa.mail.retry-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "60"),
  /**
   * The envelope sender of the portal's messages, where recipients' servers return what they could
   * not deliver; empty: the sender ({@link #MAIL_FROM}).
   */
  MAIL_BOUNCE_ADDRESS("federa.mail.bounce-address", null, Kind.TEXT, ""),
  /**
   * The mailbox of that address, read for delivery reports: {@code imaps://user@host:993/INBOX} (or
   * {@code imap://} on loopback); empty: returned messages are not read.
   */
  MAIL_BOUNCE_MAILBOX("federa.mail.bounce-mailbox", null, Kind.TEXT, ""),
  MAIL_BOUNCE_PASSWORD("federa.mail.bounce-password", null, Kind.TEXT, ""),
  MAIL_BOUNCE_POLL_SECONDS(
      "federa.mail.bounce-poll-seconds", null, Kind.POSITIVE_WHOLE_NUMBER, "60");

  /** What a value must look like. */
  enum Kind {
    TEXT("any text"),
    URL("an absolute http or https address, or nothing"),
    POSITIVE_WHOLE_NUMBER("a whole number of at least 1"),
    WHOLE_NUMBER("a whole number of at least 0"),
    HOUR("a whole hour from 0 to 23"),
    COUNTRY("a two-letter country code such as FR"),
    SMTP_SECURITY("starttls, tls or none");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }

    boolean accepts(String value) {
      return switch (this) {
        case TEXT -> true;
        case URL -> value.isEmpty() || isHttpUrl(value);
        case POSITIVE_WHOLE_NUMBER -> digits(value, 9) && Integer.parseInt(value) >= 1;
        case WHOLE_NUMBER -> digits(value, 9);
        case HOUR -> digits(value, 2) && Integer.parseInt(value) <= 23;
        case COUNTRY ->
            value.length() == 2
                && value.charAt(0) >= 'A'
                && value.charAt(0) <= 'Z'
                && value.charAt(1) >= 'A'
                && value.charAt(1) <= 'Z';
        case SMTP_SECURITY ->
            value.equals("starttls") || value.equals("tls") || value.equals("none");
      };
    }

    /**
     * One to {@code most} ASCII digits. Settings are read live on every use (the gateway reads some
     * on every call): no regular expression is compiled for it.
     */
    private static boolean digits(String value, int most) {
      if (value.isEmpty() || value.length() > most) {
        return false;
      }
      for (int i = 0; i < value.length(); i++) {
        if (value.charAt(i) < '0' || value.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    private static boolean isHttpUrl(String value) {
      try {
        URI uri = URI.create(value);
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  private final String name;
  private final String alias;
  private final Kind kind;
  private final String defaultValue;

  Setting(String name, String alias, Kind kind, String defaultValue) {
    this.name = name;
    this.alias = alias;
    this.kind = kind;
    this.defaultValue = defaultValue;
  }

  /** The setting's property name, e.g. {@code federa.public-url}. */
  public String propertyName() {
    return name;
  }

  /** The value, checked; throws {@link InvalidSettingException} when it is not of its kind. */
  public String value() {
    return read(ConfigProvider.getConfig());
  }

  /** The value of a whole-number setting. */
  public int intValue() {
    if (kind != Kind.POSITIVE_WHOLE_NUMBER && kind != Kind.WHOLE_NUMBER && kind != Kind.HOUR) {
      throw new IllegalStateException(name + " is not a number");
    }
    return Integer.parseInt(value());
  }

  /** The rule itself, on any {@link Config}, so that it can be tested without a server. */
  String read(Config config) {
    String value =
        present(config.getOptionalValue(name, String.class))
            .or(
                () ->
                    alias == null
                        ? Optional.empty()
                        : present(config.getOptionalValue(alias, String.class)))
            .orElse(defaultValue);
    if (!kind.accepts(value)) {
      throw new InvalidSettingException(
          "The setting "
              + name
              + " ("
              + environmentVariable()
              + ") is '"
              + (this == SECRET_KEYS
                      || this == KEYCLOAK_ADMIN_CLIENT_SECRET
                      || this == RECORD_SIGNING_KEY
                      || this == SMTP_PASSWORD
                      || this == MAIL_BOUNCE_PASSWORD
                  ? "(hidden)"
                  : value)
              + "', but must be "
              + kind.expected
              + (defaultValue.isEmpty() ? "" : "; leave it unset for the default " + defaultValue));
    }
    return value;
  }

  /** The environment variable operators set, as the README lists it. */
  public String environmentVariable() {
    return alias != null ? alias : name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  private static Optional<String> present(Optional<String> value) {
    return value.map(String::trim).filter(v -> !v.isEmpty());
  }
}
