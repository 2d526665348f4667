package eu.federa.audit;

import eu.federa.platform.i18n.ByteSize;
import eu.federa.platform.i18n.Day;
import eu.federa.platform.i18n.Decimal;
import eu.federa.platform.i18n.Localized;
import eu.federa.platform.i18n.Moment;
import eu.federa.platform.i18n.Money;
import eu.federa.platform.i18n.Term;
import eu.federa.platform.text.Reason;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The details of audit entries that are words of the portal rather than records (a state, a role,
 * "frozen", "member 5 added"): written here in the English the trail keeps and seals, and read back
 * here in each reader's language. Any other detail (a changed record's fields, a provider's error)
 * stays the English record it was written as.
 */
public enum AuditDetail {
  ORDER_STATE("{0}", Set.of(AuditAction.ORDER_ACTION), Arg.STATE),
  STOPPING_SUSPENDED(
      "{0}: its organisation was suspended", Set.of(AuditAction.ORDER_ACTION), Arg.STATE),
  STOPPING_ONCE_RUNNING(
      "{0} once it runs: its organisation was suspended",
      Set.of(AuditAction.ORDER_ACTION), Arg.STATE),
  STARTING_RESUMED(
      "{0}: its organisation's suspension ended", Set.of(AuditAction.ORDER_ACTION), Arg.STATE),
  ENDED_ORGANISATION_LEFT("ended: the organisation left", Set.of(AuditAction.ORDER_ACTION)),
  ROLE(
      "{0}",
      Set.of(
          AuditAction.INVITATION_SENT,
          AuditAction.INVITATION_ACCEPTED,
          AuditAction.MEMBERSHIP_BY_RULE),
      Arg.ROLE),
  ROLE_CHANGED("{0} \u2192 {1}", Set.of(AuditAction.ROLE_CHANGED), Arg.ROLE, Arg.ROLE),
  LAST_ADMIN("last tenant admin", Set.of(AuditAction.ROLE_CHANGED, AuditAction.MEMBER_REMOVED)),
  ORDERS_FROZEN("frozen", Set.of(AuditAction.EXIT_ORDERS_FROZEN)),
  ORDERS_OPEN("open again", Set.of(AuditAction.EXIT_ORDERS_FROZEN)),
  EXIT_CANCELLED("before the transition ended", Set.of(AuditAction.EXIT_CANCELLED)),
  EXIT_EXTENDED("to {0}", Set.of(AuditAction.EXIT_EXTENDED), Arg.DAY),
  EXIT_JUSTIFIED("to {0}: {1}", Set.of(AuditAction.EXIT_JUSTIFIED), Arg.DAY, Arg.TEXT),
  TRANSITION_STARTED("transition started", Set.of(AuditAction.EXIT_PHASE)),
  TRANSITION_ENDED(
      "transition ended; retrieval until {0}", Set.of(AuditAction.EXIT_PHASE), Arg.DAY),
  FINAL_EXPORT_FAILED("final export failed", Set.of(AuditAction.EXIT_PHASE)),
  ERASURE_STARTED("erasure started", Set.of(AuditAction.EXIT_PHASE)),
  EXPORT_EVERYTHING("everything", Set.of(AuditAction.EXPORT_REQUESTED)),
  EXPORT_PROJECT("project {0}", Set.of(AuditAction.EXPORT_REQUESTED), Arg.NUMBER),
  EXPORT_FINAL("final, exit", Set.of(AuditAction.EXPORT_REQUESTED)),
  WHOLE_BUNDLE("whole bundle", Set.of(AuditAction.EXPORT_DOWNLOADED)),
  BYTES("bytes {0}", Set.of(AuditAction.EXPORT_DOWNLOADED), Arg.CODE),
  DISK_BY_LINK("disk {0} by its signed link", Set.of(AuditAction.EXPORT_DOWNLOADED), Arg.CODE),
  EXPORT_DELETED("deleted", Set.of(AuditAction.EXPORT_EXPIRED)),
  ORGANISATION_LEFT(
      "the organisation left", Set.of(AuditAction.VOLUME_DELETED, AuditAction.BACKUP_DELETED)),
  APPROVED_AT("at {0}", Set.of(AuditAction.ORDER_APPROVED), Arg.TEXT),
  EXPIRED_WAITING("waited more than {0} days", Set.of(AuditAction.ORDER_EXPIRED), Arg.NUMBER),
  DEFAULT_PLAN("default plan", Set.of(AuditAction.ONBOARDING_APPROVED)),
  PLAN("plan {0}", Set.of(AuditAction.ONBOARDING_APPROVED), Arg.CODE),
  KEYCLOAK_UNCHANGED(
      "Keycloak account unchanged", Set.of(AuditAction.USER_DISABLED, AuditAction.USER_ENABLED)),
  DAILY_OFF("daily: off", Set.of(AuditAction.BACKUP_SCHEDULED)),
  DAILY_KEEP("daily, keep {0}", Set.of(AuditAction.BACKUP_SCHEDULED), Arg.NUMBER),
  MEMBERS_COUNT("{0} member(s)", Set.of(AuditAction.PROJECT_MEMBERS_CHANGED), Arg.NUMBER),
  ADMINS_COUNT("{0} admin(s)", Set.of(AuditAction.PROJECT_ADMINS_CHANGED), Arg.NUMBER),
  MEMBER_ADDED("member {0} added", Set.of(AuditAction.PROJECT_MEMBERS_CHANGED), Arg.NUMBER),
  MEMBER_REMOVED("member {0} removed", Set.of(AuditAction.PROJECT_MEMBERS_CHANGED), Arg.NUMBER),
  MEMBER_MADE_ADMIN(
      "member {0} made admin", Set.of(AuditAction.PROJECT_ADMINS_CHANGED), Arg.NUMBER),
  MEMBER_NO_LONGER_ADMIN(
      "member {0} no longer admin", Set.of(AuditAction.PROJECT_ADMINS_CHANGED), Arg.NUMBER),
  MOVES_ALLOWED(
      "the platform may move its VMs to another provider",
      Set.of(AuditAction.TENANT_MOVE_CONSENT_CHANGED)),
  MOVES_KEPT(
      "the platform keeps its VMs at their providers",
      Set.of(AuditAction.TENANT_MOVE_CONSENT_CHANGED)),
  PLACED_AWAITING(
      "{0} at {1}, awaiting approval", Set.of(AuditAction.ORDER_PLACED), Arg.ORDERED, Arg.TEXT),
  PLACED("{0} at {1}", Set.of(AuditAction.ORDER_PLACED), Arg.ORDERED, Arg.TEXT),
  RUNNING_AT_PUBLIC(
      "{0}, VM {1}, {2}, public {3}",
      Set.of(AuditAction.ORDER_RUNNING), Arg.TEXT, Arg.NUMBER, Arg.CODE, Arg.CODE),
  RUNNING_PUBLIC_ONLY(
      "{0}, VM {1}, public {2}", Set.of(AuditAction.ORDER_RUNNING), Arg.TEXT, Arg.NUMBER, Arg.CODE),
  RUNNING_AT_ADDRESS(
      "{0}, VM {1}, {2}", Set.of(AuditAction.ORDER_RUNNING), Arg.TEXT, Arg.NUMBER, Arg.CODE),
  AT_PROVIDER_VM(
      "{0}, VM {1}",
      Set.of(AuditAction.ORDER_RUNNING, AuditAction.ORDER_VANISHED), Arg.TEXT, Arg.NUMBER),
  RELEASED(
      "{0}, VM {1} no longer at the provider",
      Set.of(AuditAction.DRIFT_ORDER_RELEASED), Arg.TEXT, Arg.NUMBER),
  MOVE("move {0}", Set.of(AuditAction.MOVE_CONFIRMED, AuditAction.MOVE_ROLLED_BACK), Arg.NUMBER),
  VOLUME_FOR_VM(
      "{0}, {1} GiB, for VM {2}",
      Set.of(AuditAction.VOLUME_CREATED), Arg.TEXT, Arg.NUMBER, Arg.TEXT),
  VOLUME_WITH_VM(
      "{0}, {1} GiB, ordered with VM {2}",
      Set.of(AuditAction.VOLUME_CREATED), Arg.TEXT, Arg.NUMBER, Arg.TEXT),
  VOLUME_TO_VM("{0} to VM {1}", Set.of(AuditAction.VOLUME_ATTACHED), Arg.TEXT, Arg.TEXT),
  VOLUME_FROM_VM("{0} from VM {1}", Set.of(AuditAction.VOLUME_DETACHED), Arg.TEXT, Arg.TEXT),
  BACKUP_INTO_ORDER(
      "{0} of VM {1} into order {2}",
      Set.of(AuditAction.BACKUP_RESTORED), Arg.TEXT, Arg.TEXT, Arg.NUMBER),
  OF_VOLUME_ON_VM(
      "{0} of volume {1} on VM {2}",
      Set.of(AuditAction.SNAPSHOT_TAKEN), Arg.TEXT, Arg.TEXT, Arg.TEXT),
  OF_VM(
      "{0} of VM {1}",
      Set.of(
          AuditAction.BACKUP_TAKEN,
          AuditAction.BACKUP_DELETED,
          AuditAction.SNAPSHOT_TAKEN,
          AuditAction.SNAPSHOT_DELETED),
      Arg.TEXT,
      Arg.TEXT),
  OF_VOLUME("{0} of volume {1}", Set.of(AuditAction.SNAPSHOT_DELETED), Arg.TEXT, Arg.TEXT),
  ON_VM("{0} on VM {1}", Set.of(AuditAction.SNAPSHOT_RESTORED), Arg.TEXT, Arg.TEXT),
  ON_VOLUME("{0} on volume {1}", Set.of(AuditAction.SNAPSHOT_RESTORED), Arg.TEXT, Arg.TEXT),
  KEY_KEPT("{0} {1} created by {2}", Set.of(AuditAction.AI_KEY_KEPT), Arg.TEXT, Arg.CODE, Arg.TEXT),
  REVOKED_LEFT_TEAM(
      "{0} {1} (removed from the team)",
      Set.of(AuditAction.SERVICE_ACCOUNT_REVOKED), Arg.TEXT, Arg.CODE),
  EXPORT_READY(
      "{0} files, {1} bytes, SHA-256 {2}",
      Set.of(AuditAction.EXPORT_READY), Arg.NUMBER, Arg.BYTES, Arg.CODE),
  ERASED_ITEMS(
      "{0} items, record SHA-256 {1}", Set.of(AuditAction.EXIT_ERASED), Arg.NUMBER, Arg.CODE),
  THRESHOLD_NONE("none", Set.of(AuditAction.ORDER_POLICY_CHANGED)),
  THRESHOLD("{0} EUR/month", Set.of(AuditAction.ORDER_POLICY_CHANGED), Arg.EUR),
  RECOUNTED("{0} reservations changed", Set.of(AuditAction.QUOTA_RECOUNTED), Arg.NUMBER),
  IMPORTED(
      "{0} projects, {1} members, {2} invited",
      Set.of(AuditAction.TENANT_IMPORTED), Arg.NUMBER, Arg.NUMBER, Arg.NUMBER),
  BUDGET_ACTION("{0}", Set.of(AuditAction.BUDGET_CHANGED), Arg.BUDGET_ACTION),
  SIGNED_IN_VIA("via {0}", Set.of(AuditAction.SIGN_IN), Arg.CODE),
  ACCOUNT_DISABLED("account disabled: {0}", Set.of(AuditAction.ACCESS_REFUSED), Arg.CODE),
  EXIT_FILED_FROZEN(
      "{0}, transition {1} to {2}, orders frozen",
      Set.of(AuditAction.EXIT_REQUESTED), Arg.TEXT, Arg.DAY, Arg.DAY),
  EXIT_FILED(
      "{0}, transition {1} to {2}", Set.of(AuditAction.EXIT_REQUESTED), Arg.TEXT, Arg.DAY, Arg.DAY),
  INVOICE_FINAL("{0} (final)", Set.of(AuditAction.INVOICE_ISSUED), Arg.CODE),
  BUDGET_ALERT("{0} %: EUR {1}", Set.of(AuditAction.BUDGET_ALERT), Arg.NUMBER, Arg.EUR),
  /** The reason as the platform admin typed it, in whatever language: read as it is. */
  SUSPENDED(
      "state: ACTIVE \u2192 SUSPENDED; reason: {0}",
      Set.of(AuditAction.TENANT_SUSPENDED), Arg.TEXT),
  SUSPENDED_POWERED_OFF(
      "state: ACTIVE \u2192 SUSPENDED; running VMs powered off; reason: {0}",
      Set.of(AuditAction.TENANT_SUSPENDED), Arg.TEXT),
  RESUMED(
      "state: SUSPENDED \u2192 ACTIVE; it was suspended for: {0}",
      Set.of(AuditAction.TENANT_RESUMED), Arg.TEXT),
  /**
   * A name, a code or a reason as someone typed it, nothing of the portal's words around it: read
   * as it is, in no particular language.
   */
  NAME(
      "{0}",
      Set.of(
          AuditAction.SSH_KEY_ADDED,
          AuditAction.SSH_KEY_REMOVED,
          AuditAction.ONBOARDING_REQUESTED,
          AuditAction.ONBOARDING_REJECTED,
          AuditAction.ORPHAN_TERMINATED,
          AuditAction.MEMBERSHIP_RULE_ENDED,
          AuditAction.EXIT_RECORD_DOWNLOADED,
          AuditAction.DRIFT_VM_FOREIGN),
      Arg.TEXT),
  /** A key by its name and the prefix of its secret. */
  NAMED_KEY(
      "{0} {1}",
      Set.of(AuditAction.AI_KEY_REVOKED, AuditAction.AI_KEY_REFUSED), Arg.TEXT, Arg.CODE),
  KEY_CREATED_PROJECT_ALL(
      "{0} {1} project {2} all endpoints",
      Set.of(AuditAction.AI_KEY_CREATED), Arg.TEXT, Arg.CODE, Arg.NUMBER),
  KEY_CREATED_PROJECT(
      "{0} {1} project {2} endpoints {3}",
      Set.of(AuditAction.AI_KEY_CREATED), Arg.TEXT, Arg.CODE, Arg.NUMBER, Arg.LIST),
  KEY_CREATED_ALL("{0} {1} all endpoints", Set.of(AuditAction.AI_KEY_CREATED), Arg.TEXT, Arg.CODE),
  KEY_CREATED(
      "{0} {1} endpoints {2}", Set.of(AuditAction.AI_KEY_CREATED), Arg.TEXT, Arg.CODE, Arg.LIST),
  SERVICE_ACCOUNT_CREATED(
      "{0} {1} {2} projects {3} until {4}",
      Set.of(AuditAction.SERVICE_ACCOUNT_CREATED),
      Arg.TEXT,
      Arg.CODE,
      Arg.ROLE,
      Arg.LIST,
      Arg.MOMENT),
  SERVICE_ACCOUNT_REFUSED(
      "{0} {1}", Set.of(AuditAction.SERVICE_ACCOUNT_REFUSED), Arg.TEXT, Arg.REFUSAL),
  AI_LIMITS(
      "{0}: {1} requests, {2} tokens per minute",
      Set.of(AuditAction.AI_PROJECT_LIMITS_SET), Arg.TEXT, Arg.LIMIT, Arg.LIMIT),
  FIREWALL_PORTS(
      "{0} {1} from {2}",
      Set.of(AuditAction.FIREWALL_RULE_ADDED, AuditAction.FIREWALL_RULE_REMOVED),
      Arg.PROTOCOL,
      Arg.CODE,
      Arg.CODE),
  FIREWALL(
      "{0} from {1}",
      Set.of(AuditAction.FIREWALL_RULE_ADDED, AuditAction.FIREWALL_RULE_REMOVED),
      Arg.PROTOCOL,
      Arg.CODE),
  BLACKOUT(
      "{0} {1}-{2} UTC",
      Set.of(AuditAction.TENANT_BLACKOUT_ADDED, AuditAction.TENANT_BLACKOUT_REMOVED),
      Arg.WEEKDAYS,
      Arg.TIME,
      Arg.TIME),
  CONSOLE("{0} of {1} at {2}", Set.of(AuditAction.CONSOLE_OPENED), Arg.CONSOLE, Arg.TEXT, Arg.TEXT),
  /**
   * A move that ended with a reason (rolled back after a failure); before {@link #MOVE_BETWEEN},
   * whose last name would otherwise take the reason in.
   */
  MOVE_ENDED_BECAUSE(
      "move {0} {1} to {2}: {3}",
      Set.of(AuditAction.MOVE_CONFIRMED, AuditAction.MOVE_ROLLED_BACK),
      Arg.NUMBER,
      Arg.TEXT,
      Arg.TEXT,
      Arg.REASON),
  /** A VM's move between providers: started, confirmed or taken back. */
  MOVE_BETWEEN(
      "move {0} {1} to {2}",
      Set.of(AuditAction.MOVE_STARTED, AuditAction.MOVE_CONFIRMED, AuditAction.MOVE_ROLLED_BACK),
      Arg.NUMBER,
      Arg.TEXT,
      Arg.TEXT),
  /** An evacuation of a provider as one organisation sees it: how many of its VMs move, stay. */
  EVACUATION(
      "evacuation of {0}: {1} moving, {2} staying",
      Set.of(AuditAction.MOVE_STARTED), Arg.TEXT, Arg.NUMBER, Arg.NUMBER),
  CUT_OVER("{0} to {1}, VM {2}", Set.of(AuditAction.MOVE_CUT_OVER), Arg.TEXT, Arg.TEXT, Arg.NUMBER),
  ON_HOST("move {0}: runs on host {1}", Set.of(AuditAction.HOST_MOVE_DONE), Arg.NUMBER, Arg.TEXT),
  METERING_REPAIRED(
      "{0}, incident {1}", Set.of(AuditAction.METERING_REPAIRED), Arg.METERING, Arg.CODE),
  /** The message an invitation was refused with, by its key. */
  INVITATION_REFUSED("{0}", Set.of(AuditAction.INVITATION_REFUSED), Arg.INVITATION_ERROR),
  RULE_REMOVED(
      "removed: role: {0}; trusted: {1}",
      Set.of(AuditAction.MEMBERSHIP_RULE_DELETED), Arg.ROLE, Arg.OPTIONAL_TEXT),
  IMPORTED_NO_VMS("done; VMs: none", Set.of(AuditAction.IMPORT_FINISHED)),
  IMPORTED_VMS("done; VMs: {0}", Set.of(AuditAction.IMPORT_FINISHED), Arg.VM_COUNTS),
  HOST_MOVE_LIVE(
      "move {0}: to host {1} from {2}, live ({3})",
      Set.of(AuditAction.HOST_MOVE_STARTED), Arg.NUMBER, Arg.TEXT, Arg.TEXT, Arg.MOVE_REASON),
  HOST_MOVE_COLD(
      "move {0}: to host {1} from {2}, cold ({3})",
      Set.of(AuditAction.HOST_MOVE_STARTED), Arg.NUMBER, Arg.TEXT, Arg.TEXT, Arg.MOVE_REASON),
  GRID_FIRST(
      "none -> {0} g/kWh ({1})",
      Set.of(AuditAction.GRID_INTENSITY_CHANGED), Arg.DECIMAL, Arg.NUMBER),
  GRID(
      "{0} g/kWh -> {1} g/kWh ({2})",
      Set.of(AuditAction.GRID_INTENSITY_CHANGED), Arg.DECIMAL, Arg.DECIMAL, Arg.NUMBER),
  /** A provider's PUE and host power model, before and after ({@link #energy}). */
  PROVIDER_ENERGY(
      "{0} -> {1}", Set.of(AuditAction.PROVIDER_ENERGY_CHANGED), Arg.ENERGY, Arg.ENERGY),
  /** A host's own power model, before and after ({@link #power}). */
  HOST_POWER("{0} -> {1}", Set.of(AuditAction.PROVIDER_ENERGY_CHANGED), Arg.POWER, Arg.POWER),
  REBALANCING(
      "{0} -> {1}, at most {2} moves an hour, {3} per organisation, {4}",
      Set.of(AuditAction.REBALANCE_POLICY_CHANGED),
      Arg.MODE,
      Arg.MODE,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.SCOPE),
  IMPORT_STARTED_UNKNOWN(
      "{0} ({1}), from tenant {2} of an unknown deployment, {3} VMs, bundle SHA-256 {4}",
      Set.of(AuditAction.IMPORT_STARTED), Arg.TEXT, Arg.TEXT, Arg.NUMBER, Arg.NUMBER, Arg.CODE),
  IMPORT_STARTED(
      "{0} ({1}), from tenant {2} of {3}, {4} VMs, bundle SHA-256 {5}",
      Set.of(AuditAction.IMPORT_STARTED),
      Arg.TEXT,
      Arg.TEXT,
      Arg.NUMBER,
      Arg.TEXT,
      Arg.NUMBER,
      Arg.CODE),
  ADOPTED(
      "{0}, VM {1}, project {2}, {3} vCPU, {4} MiB, {5} GiB",
      Set.of(AuditAction.DRIFT_VM_ADOPTED),
      Arg.TEXT,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.NUMBER),
  ADOPTED_GPUS(
      "{0}, VM {1}, project {2}, {3} vCPU, {4} MiB, {5} GiB, {6} x {7}",
      Set.of(AuditAction.DRIFT_VM_ADOPTED),
      Arg.TEXT,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.NUMBER,
      Arg.TEXT),
  CHAIN_INTACT(
      "intact: {0} events sealed, end {1}",
      Set.of(AuditAction.AUDIT_CHAIN_CHECKED), Arg.NUMBER, Arg.CODE),
  /** A broken chain: how many problems, and the first as {@code ChainVerification.Problem}. */
  CHAIN_BROKEN(
      "{0} problems, first: {1}",
      Set.of(AuditAction.AUDIT_CHAIN_CHECKED), Arg.NUMBER, Arg.CHAIN_PROBLEM),
  /** An export of the trail: its format and what it held ({@link AuditFilter#describe}). */
  TRAIL_EXPORTED("{0}: {1}", Set.of(AuditAction.AUDIT_EXPORTED), Arg.CODE, Arg.FILTER),
  /**
   * Why an order failed, its resize or an export bundle was given up, as {@code Reason#english}
   * wrote it: read in the reader's language.
   */
  FAILED(
      "{0}",
      Set.of(AuditAction.ORDER_FAILED, AuditAction.ORDER_ACTION, AuditAction.EXPORT_FAILED),
      Arg.REASON),
  RESIZING(
      "RESIZING to {0} vCPU, {1} MiB", Set.of(AuditAction.ORDER_ACTION), Arg.NUMBER, Arg.NUMBER),
  RESIZING_MOVING(
      "RESIZING to {0} vCPU, {1} MiB, moving to {2}",
      Set.of(AuditAction.ORDER_ACTION), Arg.NUMBER, Arg.NUMBER, Arg.TEXT),
  RESIZED("RESIZED to {0} vCPU, {1} MiB", Set.of(AuditAction.ORDER_ACTION), Arg.NUMBER, Arg.NUMBER),
  RESIZED_MOVED(
      "RESIZED to {0} vCPU, {1} MiB, moved to {2}",
      Set.of(AuditAction.ORDER_ACTION), Arg.NUMBER, Arg.NUMBER, Arg.TEXT),
  HOST_MOVE_FAILED("move {0}: {1}", Set.of(AuditAction.HOST_MOVE_FAILED), Arg.NUMBER, Arg.REASON),
  REPLACED("{0} -> {1} ({2})", Set.of(AuditAction.ORDER_REPLACED), Arg.TEXT, Arg.TEXT, Arg.REASON),
  IMPORT_FAILED("{0}; VMs: {1}", Set.of(AuditAction.IMPORT_FINISHED), Arg.REASON, Arg.VM_COUNTS);

  /** What a placeholder of a form holds, as kept and as given to the reader's message. */
  private enum Arg {
    /** An order's state by its name: read as the portal's word for it. */
    STATE("[A-Z][A-Z_]*"),
    /** A role in an organisation by its name: read as the portal's word for it. */
    ROLE("[A-Z][A-Z_]*"),
    /** What a spent budget does, by its name: read as the portal's words for it. */
    BUDGET_ACTION("ALERT|BLOCK"),
    /** An ISO day. */
    DAY("\\d{4}-\\d{2}-\\d{2}"),
    /** A count or an id, read as it is. */
    NUMBER("\\d{1,19}"),
    /** A size in bytes: read in the reader's units. */
    BYTES("\\d{1,19}"),
    /** An amount in euros with a decimal point. */
    EUR("-?\\d{1,15}(?:\\.\\d{1,6})?"),
    /**
     * What was ordered, as {@link #ordered}, {@link #imported} or {@link #service} write it: a
     * size's and an image's codes as they are, the rest in the portal's words.
     */
    ORDERED(
        "\\S{1,100} \\S{1,100}(?:, imported by (?s:.{1,300}?))?"
            + "|[A-Z]{2,20} (?:\\S{1,100} )?\\d{1,4} \u00d7 \\S{1,100}"),
    /** A code, a number, a range: no spaces. */
    CODE("\\S{1,200}"),
    /** Any text (a provider's name). */
    TEXT("(?s:.{1,1000})"),
    /** Any text, or none. */
    OPTIONAL_TEXT("(?s:.{0,1000})"),
    /** A list as Java writes it ({@code [a, b]}): as it is. */
    LIST("\\[[^\\]]{0,1000}\\]"),
    /** An instant as Java writes it: read in the reader's format and time zone. */
    MOMENT("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?Z"),
    /** A time of day, {@code 22:00}: as it is. */
    TIME("\\d{2}:\\d{2}"),
    /** Weekdays as Java lists them ({@code [MONDAY, FRIDAY]}): read as the portal's words. */
    WEEKDAYS("\\[[A-Z]{6,9}(?:, [A-Z]{6,9}){0,6}\\]"),
    /** A firewall rule's protocol by its name: read as the portal's word for it. */
    PROTOCOL("TCP|UDP|ICMP|ALL"),
    /** A limit per minute, or "no" for none. */
    LIMIT("no|\\d{1,19}"),
    /** Why a service account's token was refused. */
    REFUSAL("unknown|revoked|expired"),
    /** What of a VM was opened: its console or its notebook. */
    CONSOLE("console|notebook"),
    /** A decimal number: read in the reader's format. */
    DECIMAL("-?\\d{1,15}(?:\\.\\d{1,6})?"),
    /** Why a VM moves to another host, by its name: read as the portal's words for it. */
    MOVE_REASON("[A-Z][A-Z_]{1,40}"),
    /** A provider's PUE and host power model as {@link AuditDetail#energy} writes them. */
    ENERGY("PUE (?:default|\\d{1,3}(?:\\.\\d{1,6})?), host (?:default|\\d{1,6}-\\d{1,6} W)"),
    /** A host's power model as {@link AuditDetail#power} writes it. */
    POWER("the provider's|\\d{1,6}-\\d{1,6} W"),
    /** Whether the platform rebalances on its own. */
    MODE("automatic|review only"),
    /** Where rebalancing may move VMs. */
    SCOPE("to other providers too|inside providers only"),
    /** What an export of the trail held, as {@link AuditFilter#describe} writes it. */
    FILTER("(?s:.{1,2000})"),
    /** Why work failed, in the English of one of the portal's reasons: read in the reader's. */
    REASON("(?s:.{1,1000})"),
    /** A problem of the chain as its record writes itself: read as the chain page says it. */
    CHAIN_PROBLEM(ChainProblem.WRITTEN),
    /** Which invariant of the metering a repair restored, by its name. */
    METERING("OPEN_AFTER_END|PAST_END|TWO_OPEN"),
    /** A message key an invitation was refused with. */
    INVITATION_ERROR("invitation\\.error\\.[A-Za-z]{1,40}"),
    /** How many imported VMs ended in each state ({@code 3 RUNNING, 1 FAILED}), or none. */
    VM_COUNTS("none|\\d{1,9} [A-Z]{2,20}(?:, \\d{1,9} [A-Z]{2,20}){0,10}");

    private final String pattern;

    Arg(String pattern) {
      this.pattern = pattern;
    }

    Object read(String kept) {
      return switch (this) {
        case STATE -> new Term("order.state." + kept);
        case ROLE -> new Term("role." + kept);
        case BUDGET_ACTION -> new Term("budget.action." + kept);
        case DAY -> new Day(LocalDate.parse(kept).atStartOfDay(ZoneOffset.UTC).toInstant());
        case EUR -> new Money(new BigDecimal(kept));
        case BYTES -> new ByteSize(Long.parseLong(kept));
        case MOMENT -> new Moment(Instant.parse(kept));
        case WEEKDAYS ->
            new Changes.Parts(
                ", ",
                Arrays.stream(kept.substring(1, kept.length() - 1).split(", "))
                    .map(day -> new Term("blackout.day." + DayOfWeek.valueOf(day).name()))
                    .toList());
        case PROTOCOL -> new Term("firewall.protocol." + kept);
        case LIMIT -> kept.equals("no") ? new Term("audit.value.noLimit") : kept;
        case REFUSAL -> new Term("audit.value.refused." + kept);
        case CONSOLE -> new Term("audit.value.opened." + kept);
        case DECIMAL -> new Decimal(new BigDecimal(kept));
        case MOVE_REASON -> new Term("rebalance.reason." + kept);
        case ENERGY -> {
          String[] parts = kept.substring("PUE ".length()).split(", host ", 2);
          yield new Phrase(
              "audit.value.energy",
              parts[0].equals(DEFAULT)
                  ? new Term("audit.value.default")
                  : new Decimal(new BigDecimal(parts[0])),
              parts[1].equals(DEFAULT) ? new Term("audit.value.default") : watts(parts[1]));
        }
        case POWER ->
            kept.equals(PROVIDERS_POWER) ? new Term("audit.value.providersPower") : watts(kept);
        case FILTER -> AuditFilter.described(kept);
        case METERING -> new Term("audit.value.metering." + kept);
        case CHAIN_PROBLEM -> {
          Matcher m = ChainProblem.PATTERN.matcher(kept); // the same text, its parts as groups
          if (!m.matches()) {
            throw new IllegalArgumentException("not a problem: " + kept);
          }
          yield new Phrase(
              "audit.chain.problem." + ChainVerification.Kind.valueOf(m.group(1)).name(),
              m.group(2),
              m.group(3).equals("null") ? "" : m.group(3));
        }
        case INVITATION_ERROR -> new Phrase(kept);
        case VM_COUNTS ->
            kept.equals("none")
                ? new Term("audit.value.none")
                : new Changes.Parts(
                    ", ",
                    Arrays.stream(kept.split(", "))
                        .map(
                            count ->
                                new Phrase(
                                    "audit.value.count",
                                    count.substring(0, count.indexOf(' ')),
                                    new Term(
                                        "import.vmState."
                                            + count.substring(count.indexOf(' ') + 1))))
                        .toList());
        case ORDERED -> orderedRead(kept);
        case REASON -> {
          Reason reason =
              Reason.ofEnglish(kept, Reasons.PREFIXES)
                  .filter(
                      r -> r.args().stream().noneMatch(a -> Reasons.DIAGNOSTIC.matcher(a).find()))
                  .orElseThrow(() -> new IllegalArgumentException("not a reason: " + kept));
          yield (Localized) reason::in;
        }
        case MODE ->
            new Term(kept.equals("automatic") ? "audit.value.automatic" : "audit.value.reviewOnly");
        case SCOPE ->
            new Term(
                kept.startsWith("to other")
                    ? "audit.value.acrossProviders"
                    : "audit.value.insideProviders");
        default -> kept;
      };
    }
  }

  /** The reasons an audit detail may hold in English. */
  private static final class Reasons {
    static final List<String> PREFIXES =
        List.of(
            "order.reason.",
            "move.reason.",
            "import.reason.",
            "exit.reason.",
            "export.reason.",
            "volume.reason.",
            "backup.reason.",
            "snapshot.reason.");

    /**
     * A provider's own state names in a reason's values ({@code ACTIVE/BOOT_FAILURE}): such a
     * reason stays the English record it was kept as, a diagnostic rather than words to read.
     */
    static final Pattern DIAGNOSTIC =
        Pattern.compile(
            "\\b[A-Z]{2,}(?:_[A-Z]{2,})+\\b|\\b(?:MONITORED|OFFLINE|DISABLED|POWEROFF|UNDEPLOYED"
                + "|PENDING|RUNNING|ACTIVE|FAILED|STOPPED|SUSPENDED|QUEUED|READY|CLOSED)\\b");
  }

  /**
   * A chain problem as its record writes itself, its parts as groups (apart from {@link Arg}: an
   * enum's constants are made before its static fields).
   */
  private static final class ChainProblem {
    static final String WRITTEN =
        "Problem\\[kind=([A-Z_]{2,40}), seq=(\\d{1,19}), eventId=(\\d{1,19}|null)\\]";
    static final Pattern PATTERN = Pattern.compile(WRITTEN);
  }

  private static final String DEFAULT = "default";
  private static final String PROVIDERS_POWER = "the provider's";

  /**
   * A provider's PUE and the power model of its hosts as {@link #PROVIDER_ENERGY} keeps them
   * ({@code PUE 1.25, host 80-350 W}); "default" where it has none of its own.
   */
  public static String energy(BigDecimal pue, Integer idleWatts, Integer fullWatts) {
    return "PUE "
        + (pue == null ? DEFAULT : pue.toPlainString())
        + ", host "
        + (idleWatts == null ? DEFAULT : idleWatts + "-" + fullWatts + " W");
  }

  /** A host's own power model as {@link #HOST_POWER} keeps it; null: the provider's. */
  public static String power(Integer idleWatts, Integer fullWatts) {
    return idleWatts == null ? PROVIDERS_POWER : idleWatts + "-" + fullWatts + " W";
  }

  private static final String IMPORTED_BY = ", imported by ";

  /** A VM ordered from the catalog, as {@link #PLACED} keeps it: its size's and image's codes. */
  public static String ordered(String size, String image) {
    return size + " " + image;
  }

  /** A VM recreated from an imported bundle, and who imported it. */
  public static String imported(String size, String image, String importedBy) {
    return ordered(size, image) + IMPORTED_BY + importedBy;
  }

  /** An AI service: its kind, its model if it has one, its replicas and their size. */
  public static String service(Enum<?> kind, String model, int replicas, String size) {
    return kind.name() + " " + (model == null ? "" : model + " ") + replicas + " \u00d7 " + size;
  }

  private static final Pattern SERVICE =
      Pattern.compile("([A-Z]{2,20}) (?:(\\S{1,100}) )?(\\d{1,4}) \u00d7 (\\S{1,100})");

  private static Object orderedRead(String kept) {
    Matcher service = SERVICE.matcher(kept);
    if (service.matches()) {
      Term kind = new Term("ai.kind." + service.group(1));
      return service.group(2) == null
          ? new Phrase("audit.value.serviceOf", kind, service.group(3), service.group(4))
          : new Phrase(
              "audit.value.serviceOfModel",
              kind,
              service.group(2),
              service.group(3),
              service.group(4));
    }
    int by = kept.indexOf(IMPORTED_BY);
    return by < 0
        ? kept
        : new Phrase(
            "audit.value.importedBy",
            kept.substring(0, by),
            kept.substring(by + IMPORTED_BY.length()));
  }

  private static Phrase watts(String kept) {
    String[] range = kept.substring(0, kept.length() - " W".length()).split("-", 2);
    return new Phrase("audit.value.watts", range[0], range[1]);
  }

  private final String english;
  private final Set<AuditAction> actions;
  private final Arg[] args;
  private final Pattern pattern;

  /**
   * The forms of each action, in the order declared (a page reads two details of each row shown:
   * only its action's forms are tried).
   */
  private static final Map<AuditAction, List<AuditDetail>> FOR_ACTION =
      new EnumMap<>(AuditAction.class);

  static {
    for (AuditDetail form : values()) {
      for (AuditAction action : form.actions) {
        FOR_ACTION.computeIfAbsent(action, a -> new ArrayList<>()).add(form);
      }
    }
  }

  AuditDetail(String english, Set<AuditAction> actions, Arg... args) {
    this.english = english;
    this.actions = EnumSet.copyOf(actions);
    this.args = args;
    StringBuilder regex = new StringBuilder();
    Matcher placeholder = Placeholder.PATTERN.matcher(english);
    int at = 0;
    while (placeholder.find()) {
      regex.append(Pattern.quote(english.substring(at, placeholder.start())));
      regex.append("(?<v").append(placeholder.group(1)).append('>');
      regex.append(args[Integer.parseInt(placeholder.group(1))].pattern).append(')');
      at = placeholder.end();
    }
    regex.append(Pattern.quote(english.substring(at)));
    this.pattern = Pattern.compile(regex.toString());
  }

  /**
   * A value's place in the English text: {@code {0}}, {@code {1}}, ... (in a class of its own: an
   * enum's constants are made before its static fields).
   */
  private static final class Placeholder {
    static final Pattern PATTERN = Pattern.compile("\\{(\\d)}");
  }

  /**
   * The detail as the trail keeps it; an enum's constant by its name, any other value as its text.
   */
  public String text(Object... values) {
    if (values.length != args.length) {
      throw new IllegalArgumentException(name() + " takes " + args.length + " values");
    }
    // One pass over the English text, so that a value holding "{1}" stays as it is.
    StringBuilder text = new StringBuilder();
    Matcher placeholder = Placeholder.PATTERN.matcher(english);
    int at = 0;
    while (placeholder.find()) {
      Object v = values[Integer.parseInt(placeholder.group(1))];
      text.append(english, at, placeholder.start())
          .append(v instanceof Enum<?> e ? e.name() : String.valueOf(v));
      at = placeholder.end();
    }
    return text.append(english.substring(at)).toString();
  }

  /** The actions whose entries it is written for. */
  Set<AuditAction> actions() {
    return EnumSet.copyOf(actions);
  }

  /** How many values it takes. */
  int arity() {
    return args.length;
  }

  /** The key of the reader's words for it. */
  String key() {
    return "audit.detail." + name();
  }

  /**
   * A kept detail of an entry of {@code action} as the reader reads it; empty for a record (shown
   * as the English it was written in) or none.
   */
  public static Optional<Phrase> read(AuditAction action, String kept) {
    if (action == null || kept == null || kept.isEmpty()) {
      return Optional.empty();
    }
    for (AuditDetail form : FOR_ACTION.getOrDefault(action, List.of())) {
      Matcher m = form.pattern.matcher(kept);
      if (!m.matches()) {
        continue;
      }
      try {
        List<Object> read = new ArrayList<>();
        for (int i = 0; i < form.args.length; i++) {
          read.add(form.args[i].read(m.group("v" + i)));
        }
        return Optional.of(new Phrase(form.key(), read.toArray()));
      } catch (DateTimeParseException | IllegalArgumentException unreadable) {
        // Its pattern fits but not its values (text that is no reason): another form may.
      }
    }
    return Optional.empty();
  }
}
