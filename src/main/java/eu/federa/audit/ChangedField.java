package eu.federa.audit;

import eu.federa.platform.i18n.Decimal;
import eu.federa.platform.i18n.Moment;
import eu.federa.platform.i18n.Term;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A field of a record a platform admin created or changed (a provider, a size, a price list, a
 * quota), as {@link Changes} writes it into the audit trail by its name in the code ({@code
 * memoryMib}), with the reader's words for it and how its values read. Each is read only in the
 * details of the actions written with it.
 */
public enum ChangedField {
  CODE("code", Value.TEXT, On.IMAGE, On.SIZE, On.MODEL),
  NAME("name", Value.TEXT, On.SIZE, On.MODEL, On.PROVIDER),
  VCPU("vcpu", Value.NUMBER, On.SIZE, On.QUOTA),
  MEMORY_MIB("memoryMib", Value.NUMBER, On.SIZE, On.QUOTA),
  DISK_GIB("diskGib", Value.NUMBER, On.SIZE, On.QUOTA),
  GPUS("gpus", Value.NUMBER, On.SIZE, On.QUOTA),
  GPU_CLASS("gpuClass", Value.TEXT, On.SIZE),
  GPU_MODEL("gpuModel", Value.TEXT, On.SIZE),
  GPU_MEMORY_GIB("gpuMemoryGib", Value.NUMBER, On.SIZE),
  OS_NAME("osName", Value.TEXT, On.IMAGE),
  OS_VERSION("osVersion", Value.TEXT, On.IMAGE),
  ARCHITECTURE("architecture", Value.TEXT, On.IMAGE),
  PURPOSE("purpose", Value.TEXT, On.IMAGE),
  LOGIN_USER("loginUser", Value.TEXT, On.IMAGE),
  PARAMETERS_BILLION("parametersBillion", Value.NUMBER, On.MODEL),
  LICENCE("licence", Value.TEXT, On.MODEL),
  MIN_GPU_MEMORY_GIB("minGpuMemoryGib", Value.NUMBER, On.MODEL),
  CONTEXT_LENGTH("contextLength", Value.NUMBER, On.MODEL),
  RULE_KIND("kind", Value.RULE_KIND, On.RULE),
  RULE_VALUE("value", Value.TEXT, On.RULE),
  TENANT_ID("tenantId", Value.ID, On.RULE),
  ROLE("role", Value.ROLE, On.RULE),
  TRUSTED_PROVIDERS("trustedProviders", Value.TEXT, On.RULE),
  VMS("vms", Value.NUMBER, On.QUOTA),
  AI_ENDPOINTS("aiEndpoints", Value.NUMBER, On.QUOTA),
  MONTHLY_BUDGET_EUR("monthlyBudgetEur", Value.NUMBER, On.QUOTA),
  LIMITS("limits", Value.QUOTA_LIMITS, On.PROJECT_QUOTA),
  GPU_COUNT("GPUs", Value.NUMBER, On.GPU_QUOTA),
  PROVIDER_ID("providerId", Value.ID, On.PRICES, On.REGISTER),
  VALID_FROM("validFrom", Value.MOMENT, On.PRICES),
  VALID_UNTIL("validUntil", Value.MOMENT, On.PRICES),
  EUR_PER_VCPU_HOUR("eurPerVcpuHour", Value.NUMBER, On.PRICES),
  EUR_PER_GIB_MEMORY_HOUR("eurPerGibMemoryHour", Value.NUMBER, On.PRICES),
  EUR_PER_GIB_DISK_MONTH("eurPerGibDiskMonth", Value.NUMBER, On.PRICES),
  EUR_PER_MILLION_TOKENS_IN("eurPerMillionTokensIn", Value.NUMBER, On.PRICES),
  EUR_PER_MILLION_TOKENS_OUT("eurPerMillionTokensOut", Value.NUMBER, On.PRICES),
  GPU_RATES("gpuRates", Value.TEXT, On.PRICES),
  EUR_PER_PUBLIC_IP_HOUR("eurPerPublicIpHour", Value.NUMBER, On.PRICES),
  MODEL_TOKEN_RATES("modelTokenRates", Value.TEXT, On.PRICES),
  PROVIDER_NAME("providerName", Value.TEXT, On.REGISTER),
  OPERATOR("operator", Value.TEXT, On.REGISTER),
  LEGAL_SEAT_COUNTRY("legalSeatCountry", Value.TEXT, On.REGISTER),
  DATACENTRE_COUNTRIES("datacentreCountries", Value.TEXT, On.REGISTER),
  JURISDICTION("jurisdiction", Value.TEXT, On.REGISTER, On.PROVIDER),
  ACCESS_MEASURES("accessMeasures", Value.MEASURES, On.REGISTER),
  CERTIFICATIONS("certifications", Value.TEXT, On.REGISTER, On.PROVIDER),
  LEGAL_ENTITY("legalEntity", Value.TEXT, On.PROVIDER),
  COUNTRY_CODE("countryCode", Value.TEXT, On.PROVIDER),
  CITY("city", Value.TEXT, On.PROVIDER),
  LATITUDE("latitude", Value.NUMBER, On.PROVIDER),
  LONGITUDE("longitude", Value.NUMBER, On.PROVIDER),
  ENDPOINT_URL("endpointUrl", Value.TEXT, On.PROVIDER),
  API_USERNAME("apiUsername", Value.TEXT, On.PROVIDER),
  API_SECRET("apiSecret", Value.SECRET, On.PROVIDER),
  ENABLED("enabled", Value.YES_NO, On.PROVIDER, On.ENABLED),
  EDGE_SITE("edgeSite", Value.YES_NO, On.PROVIDER),
  NOTES("notes", Value.TEXT, On.PROVIDER),
  PUBLIC_NETWORK("publicNetwork", Value.TEXT, On.PROVIDER),
  CONSOLE_URL("consoleUrl", Value.TEXT, On.PROVIDER),
  ONE_TEMPLATE("OpenNebula template", Value.ID, On.OFFER),
  MEASUREMENTS("measurements", Value.NUMBER, On.LATENCY),
  SITES("sites", Value.TEXT, On.LATENCY);

  /** The actions whose details are written with each record's fields. */
  static final class On {
    static final Set<AuditAction> IMAGE = Set.of(AuditAction.CATALOG_IMAGE_ADDED);
    static final Set<AuditAction> SIZE = Set.of(AuditAction.CATALOG_SIZE_ADDED);
    static final Set<AuditAction> MODEL =
        Set.of(AuditAction.CATALOG_MODEL_ADDED, AuditAction.CATALOG_MODEL_REMOVED);
    static final Set<AuditAction> OFFER =
        Set.of(AuditAction.CATALOG_OFFER_SET, AuditAction.CATALOG_OFFER_WITHDRAWN);
    static final Set<AuditAction> RULE = Set.of(AuditAction.MEMBERSHIP_RULE_CREATED);
    static final Set<AuditAction> QUOTA =
        Set.of(AuditAction.TENANT_QUOTA_CHANGED, AuditAction.PROJECT_QUOTA_CHANGED);
    static final Set<AuditAction> PROJECT_QUOTA = Set.of(AuditAction.PROJECT_QUOTA_CHANGED);
    static final Set<AuditAction> GPU_QUOTA = Set.of(AuditAction.GPU_QUOTA_CHANGED);
    static final Set<AuditAction> PRICES = Set.of(AuditAction.PRICE_LIST_ADDED);
    static final Set<AuditAction> LATENCY = Set.of(AuditAction.LATENCY_TABLE_CHANGED);
    static final Set<AuditAction> PROVIDER =
        Set.of(AuditAction.PROVIDER_REGISTERED, AuditAction.PROVIDER_CHANGED);
    static final Set<AuditAction> REGISTER = Set.of(AuditAction.PROVIDER_REGISTER_CHANGED);
    static final Set<AuditAction> ENABLED =
        Set.of(AuditAction.PROVIDER_ENABLED, AuditAction.PROVIDER_DISABLED);
  }

  /**
   * The fields of a {@code QuotaLimits} in the order its {@code toString} writes them (apart from
   * {@link On}: an enum's constants are made before the classes they use, not after).
   */
  static final class Of {
    static final List<ChangedField> QUOTA_LIMITS =
        List.of(VCPU, MEMORY_MIB, GPUS, VMS, DISK_GIB, AI_ENDPOINTS, MONTHLY_BUDGET_EUR);

    /** How a {@code QuotaLimits} is kept whole, made once. */
    static final Pattern QUOTA_LIMITS_WRITTEN = Changes.recordPattern("QuotaLimits", QUOTA_LIMITS);
  }

  /** How a field's kept value reads. */
  enum Value {
    /** As it is: a name, a code, a list. */
    TEXT,
    /** An id: as it is, not grouped like a count. */
    ID,
    /** A count or an amount, in the reader's number format. */
    NUMBER,
    /** An instant, in the reader's format and time zone. */
    MOMENT,
    /** {@code true} or {@code false}, as the reader's yes or no. */
    YES_NO,
    /** A role in an organisation, as the portal's word for it. */
    ROLE,
    /** What a membership rule matches on, as the portal's words for it. */
    RULE_KIND,
    /** Never its value: only "changed", "set" or "not set". */
    SECRET,
    /** A provider's measures against unlawful access ({@code [ENCRYPTION_AT_REST]}), by words. */
    MEASURES,
    /** A project's limits as a whole: each one set, by its words. */
    QUOTA_LIMITS
  }

  private final String written;
  private final Value value;
  private final Set<AuditAction> actions;

  @SafeVarargs
  ChangedField(String written, Value value, Set<AuditAction>... on) {
    this.written = written;
    this.value = value;
    Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
    for (Set<AuditAction> some : on) {
      actions.addAll(some);
    }
    this.actions = actions;
  }

  /** Its name as the trail keeps it. */
  public String written() {
    return written;
  }

  Value value() {
    return value;
  }

  /** Whether details of {@code action} are written with it. */
  boolean isOf(AuditAction action) {
    return actions.contains(action);
  }

  /** The actions whose details are written with it. */
  Set<AuditAction> actions() {
    return EnumSet.copyOf(actions);
  }

  /** The key of the reader's words for it. */
  String key() {
    return "audit.field." + name();
  }

  Term label() {
    return new Term(key());
  }

  /**
   * A value of it as kept ({@code none}, {@code ""}, a number's plain text...) as the reader reads
   * it.
   *
   * @throws IllegalArgumentException when it is not a value this field is written with
   */
  Object read(String kept) {
    if (kept.equals("none")) {
      return new Term("audit.value.none");
    }
    if (kept.equals("\"\"")) {
      return new Term("audit.value.empty");
    }
    return switch (value) {
      case TEXT -> kept;
      case ID -> {
        if (!kept.matches("\\d{1,19}")) {
          throw new IllegalArgumentException("not an id: " + kept);
        }
        yield kept;
      }
      case NUMBER -> new Decimal(new BigDecimal(kept));
      case MOMENT -> new Moment(Instant.parse(kept));
      case YES_NO ->
          switch (kept) {
            case "true" -> new Term("common.yes");
            case "false" -> new Term("common.no");
            default -> throw new IllegalArgumentException("not yes or no: " + kept);
          };
      case ROLE -> word("role.", kept);
      case RULE_KIND -> word("rules.kind.", kept);
      case SECRET ->
          switch (kept) {
            case "changed" -> new Term("audit.value.changed");
            case "set" -> new Term("audit.value.set");
            case "not set" -> new Term("audit.value.notSet");
            default -> throw new IllegalArgumentException("a secret's value is never kept");
          };
      case QUOTA_LIMITS -> Changes.readRecord(Of.QUOTA_LIMITS_WRITTEN, Of.QUOTA_LIMITS, kept);
      case MEASURES -> {
        if (!kept.matches("\\[(?:[A-Z_]{2,60}(?:, [A-Z_]{2,60})*)?\\]")) {
          throw new IllegalArgumentException("not a list of measures: " + kept);
        }
        String inside = kept.substring(1, kept.length() - 1);
        yield inside.isEmpty()
            ? new Term("audit.value.none")
            : new Changes.Parts(
                ", ",
                java.util.Arrays.stream(inside.split(", "))
                    .map(m -> new Term("audit.value.measure." + m))
                    .toList());
      }
    };
  }

  private static Term word(String prefix, String name) {
    if (!name.matches("[A-Z][A-Z_]{0,60}")) {
      throw new IllegalArgumentException("not a constant's name: " + name);
    }
    return new Term(prefix + name);
  }
}
