package eu.federa.audit;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The audit filter as a page's fields hold it (text as typed), and the filter last applied: the
 * platform admins' trail and a tenant admin's use the same fields and the same export links.
 */
public class AuditFilterFields implements Serializable {

  private static final long serialVersionUID = 1L;

  private String from;
  private String to;
  private String actor;
  private AuditAction action;
  private String tenant;
  private AuditFilter applied = AuditFilter.NONE;

  /**
   * Reads the fields into the filter they mean and keeps it as applied; an unreadable field throws
   * (the filter applied before stays).
   */
  public AuditFilter apply() {
    return apply(name -> List.of());
  }

  /**
   * As {@link #apply()}, the organisation given by its number or by its name ({@code named}: the
   * ids of the organisations of that name); a name that fits none or several is refused, with the
   * other fields' problems.
   */
  public AuditFilter apply(Function<String, List<Long>> named) {
    String tenantId = tenant;
    FieldError byName = null;
    if (tenant != null && !tenant.isBlank() && !tenant.strip().matches("\\d{1,18}")) {
      List<Long> ids = named.apply(tenant.strip());
      tenantId = ids.size() == 1 ? ids.get(0).toString() : null;
      if (ids.size() != 1) {
        byName =
            FieldError.of(
                "tenant",
                ids.isEmpty() ? "audit.filter.error.tenantName" : "audit.filter.error.tenantNames",
                tenant.strip());
      }
    }
    AuditFilter parsed;
    try {
      parsed = AuditFilter.parse(from, to, actor, action == null ? null : action.name(), tenantId);
    } catch (InvalidInputException invalid) {
      if (byName == null) {
        throw invalid;
      }
      List<FieldError> all = new ArrayList<>(invalid.errors());
      all.add(byName);
      throw new InvalidInputException(all);
    }
    if (byName != null) {
      throw new InvalidInputException(byName);
    }
    applied = parsed;
    return applied;
  }

  public AuditFilter applied() {
    return applied;
  }

  /**
   * The applied filter as the export API's query parameters, each value URL-encoded, after {@code
   * format=}{@code format}.
   */
  public String exportQuery(String format) {
    StringJoiner query = new StringJoiner("&");
    query.add("format=" + format);
    add(query, "from", applied.from() == null ? null : applied.from().toString());
    add(query, "to", applied.to() == null ? null : applied.to().toString());
    add(query, "actor", applied.actor());
    add(query, "action", applied.action() == null ? null : applied.action().name());
    add(query, "tenant", applied.tenantId() == null ? null : applied.tenantId().toString());
    return query.toString();
  }

  private static void add(StringJoiner query, String name, String value) {
    if (value != null) {
      query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public AuditAction getAction() {
    return action;
  }

  public void setAction(AuditAction action) {
    this.action = action;
  }

  public String getTenant() {
    return tenant;
  }

  public void setTenant(String tenant) {
    this.tenant = tenant;
  }
}
