package eu.federa.audit;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

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
    applied = AuditFilter.parse(from, to, actor, action == null ? null : action.name(), tenant);
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
