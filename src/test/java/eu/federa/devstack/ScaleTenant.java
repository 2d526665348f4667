package eu.federa.devstack;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Acme at the size of issue #19's "fast at scale", written straight into the tables: for the pages
 * bench ({@link PagesBench}) and for {@code ./federa demo --scale} ({@link DemoLauncher}), so that
 * anyone can open the portal's pages at that size.
 */
final class ScaleTenant {

  private ScaleTenant() {}

  /** Whether Acme was filled already (the demo's database outlives a demo). */
  static boolean filled(Statement s, long acme) throws Exception {
    return single(
            s,
            "SELECT COUNT(*) FROM project WHERE tenant_id = "
                + acme
                + " AND name LIKE 'Scale project %'")
        > 0;
  }

  /** Acme Analytics' id (the demo organisations are created when the portal starts). */
  static long acme(Statement s) throws Exception {
    return single(s, "SELECT MIN(id) FROM tenant WHERE vat_id = 'FR40303265045'");
  }

  /**
   * 50 projects, 200 members (each in a project), 1,000 ended VMs, 100,000 usage intervals, 200,000
   * AI token records and 20,000 audit events for Acme (the sequence engine's numbers are unsigned:
   * cast before a date is taken back by them).
   *
   * @return one of the new projects (with members)
   */
  static long fill(Statement s, long acme) throws Exception {
    s.executeUpdate(
        "INSERT INTO project (tenant_id, name, description, created_at) SELECT "
            + acme
            + ", CONCAT('Scale project ', seq), 'bench', UTC_TIMESTAMP(6) FROM seq_1_to_50");
    long firstProject = single(s, "SELECT MIN(id) FROM project WHERE name LIKE 'Scale project %'");
    s.executeUpdate(
        "INSERT INTO portal_user (subject, username, email, display_name, first_sign_in_at,"
            + " last_sign_in_at) SELECT CONCAT('scale-', seq), CONCAT('scale', seq),"
            + " CONCAT('scale', seq, '@acme-analytics.example'), CONCAT('Scale member ', seq),"
            + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_200");
    s.executeUpdate(
        "INSERT INTO tenant_membership (tenant_id, user_subject, member_name, role, created_at)"
            + " SELECT "
            + acme
            + ", CONCAT('scale-', seq), CONCAT('Scale member ', seq), 'MEMBER', UTC_TIMESTAMP(6)"
            + " FROM seq_1_to_200");
    s.executeUpdate(
        "INSERT INTO project_member (membership_id, project_id) SELECT m.id, "
            + firstProject
            + " + (m.id % 50) FROM tenant_membership m WHERE m.user_subject LIKE 'scale-%'");
    long provider = single(s, "SELECT MIN(id) FROM provider WHERE enabled");
    s.executeUpdate(
        "INSERT INTO vm_order (tenant_id, project_id, requested_by, idempotency_key, name,"
            + " image_code, size_code, vcpu, memory_mib, disk_gib, gpus, state, provider_id,"
            + " provider_name, country_code, created_at, updated_at) SELECT "
            + acme
            + ", "
            + firstProject
            + " + seq % 50, CONCAT('scale-', seq % 200), CONCAT('scale-', seq),"
            + " CONCAT('scale-vm-', seq), 'ubuntu-24.04', 's-2', 2, 4096, 40, 0, 'TERMINATED', p.id,"
            + " p.name, p.country_code, UTC_TIMESTAMP(6) - INTERVAL 60 DAY,"
            + " UTC_TIMESTAMP(6) - INTERVAL CAST(seq AS SIGNED) MINUTE FROM seq_1_to_1000 JOIN provider p ON p.id = "
            + provider);
    long firstOrder = single(s, "SELECT MIN(id) FROM vm_order WHERE name LIKE 'scale-vm-%'");
    s.executeUpdate(
        "INSERT INTO usage_interval (tenant_id, project_id, order_id, resource_name,"
            + " resource_kind, usage_state, provider_id, provider_name, country_code, vcpu,"
            + " memory_mib, disk_gib, gpus, month_start, started_at, ended_at, source, changed_at)"
            + " SELECT o.tenant_id, o.project_id, o.id, o.name, 'VM', 'RUNNING', o.provider_id,"
            + " o.provider_name, o.country_code, 2, 4096, 40, 0,"
            + " DATE_FORMAT(UTC_TIMESTAMP(6) - INTERVAL CAST(i.seq * 45 AS SIGNED) SECOND, '%Y-%m-01'),"
            + " UTC_TIMESTAMP(6) - INTERVAL CAST(i.seq * 45 AS SIGNED) SECOND,"
            + " UTC_TIMESTAMP(6) - INTERVAL CAST(i.seq * 45 - 30 AS SIGNED) SECOND, 'EVENT',"
            // written when it closed, as metering would have (the database's clock stamps it)
            + " NOW(6) - INTERVAL CAST(i.seq * 45 - 30 AS SIGNED) SECOND"
            + " FROM seq_1_to_100000 i JOIN vm_order o ON o.id = "
            + firstOrder
            + " + i.seq % 1000");
    tokens(s, acme, firstProject, provider);
    long lastEvent = single(s, "SELECT COALESCE(MAX(id), 0) FROM audit_event");
    // Rows of VALUES: MariaDB 11.4 wrote NULL into the first column from an INSERT ... SELECT into
    // the audit tables (those with triggers), whatever the SELECT.
    for (int first = 1; first <= 20_000; first += 1_000) {
      StringBuilder events =
          new StringBuilder(
              "INSERT INTO audit_event (occurred_at, tenant_id, action, outcome) VALUES ");
      for (int k = first; k < first + 1_000; k++) {
        events
            .append(k == first ? "" : ",")
            .append("(UTC_TIMESTAMP(6) - INTERVAL ")
            .append(k)
            .append(" MINUTE, ")
            .append(acme)
            .append(", 'ORDER_ACTION', 'SUCCESS')");
      }
      s.executeUpdate(events.toString());
    }
    List<Long> events = new ArrayList<>();
    try (ResultSet r =
        s.executeQuery(
            "SELECT id FROM audit_event WHERE id > " + lastEvent + " AND tenant_id = " + acme)) {
      while (r.next()) {
        events.add(r.getLong(1));
      }
    }
    for (int first = 0; first < events.size(); first += 1_000) {
      StringBuilder personal =
          new StringBuilder(
              "INSERT INTO audit_event_personal (event_id, actor_subject, actor_name, target,"
                  + " client_address, detail) VALUES ");
      for (int k = first; k < Math.min(events.size(), first + 1_000); k++) {
        personal
            .append(k == first ? "" : ",")
            .append("(")
            .append(events.get(k))
            .append(", 'scale-1', 'Scale member 1', 'order ")
            .append(events.get(k))
            .append("', '192.0.2.10', 'TERMINATING')");
      }
      s.executeUpdate(personal.toString());
    }
    return firstProject;
  }

  /** AI calls through the gateway, one token record each: {@link #TOKEN_RECORDS}. */
  static final int TOKEN_RECORDS = 200_000;

  /**
   * {@link #TOKEN_RECORDS} AI calls of Acme's, one every three seconds up to now (about a week:
   * most in this month), each written as the gateway writes it when the call ends, over three
   * endpoints and models and ten projects. Where the table has no {@code recorded_at} (code before
   * V79, for a bench's comparison) the records go without it.
   */
  private static void tokens(Statement s, long acme, long firstProject, long provider)
      throws Exception {
    boolean stamped =
        single(
                s,
                "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name = 'token_usage' AND column_name = 'recorded_at'")
            > 0;
    String ago = "INTERVAL CAST(i.seq * 3 AS SIGNED) SECOND";
    s.executeUpdate(
        "INSERT INTO token_usage (tenant_id, project_id, service_id, key_id, model_code,"
            + " provider_id, provider_name, country_code, month_start, period_start, period_end,"
            + " input_tokens, output_tokens, estimated, report_key"
            + (stamped ? ", recorded_at" : "")
            + ") SELECT "
            + acme
            + ", "
            + firstProject
            + " + i.seq % 10, 1 + i.seq % 3, NULL, ELT(1 + i.seq % 3, 'mistral-7b', 'llama-3-8b',"
            + " 'qwen-2-7b'), p.id, p.name, p.country_code,"
            + " DATE_FORMAT(UTC_TIMESTAMP(6) - "
            + ago
            + ", '%Y-%m-01'), UTC_TIMESTAMP(6) - "
            + ago
            + " - INTERVAL 2 SECOND, UTC_TIMESTAMP(6) - "
            + ago
            + ", 200 + i.seq % 800, 50 + i.seq % 300, FALSE, CONCAT('scale-', "
            + acme
            + ", '-', i.seq)"
            + (stamped ? ", NOW(6) - " + ago : "")
            + " FROM seq_1_to_"
            + TOKEN_RECORDS
            + " i JOIN provider p ON p.id = "
            + provider);
  }

  private static long single(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
