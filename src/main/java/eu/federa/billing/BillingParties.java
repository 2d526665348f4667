package eu.federa.billing;

import eu.federa.platform.ReadsTablesOf;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The one place where billing reads other capabilities' tables: who is invoiced (tenancy's {@code
 * tenant}), the names of their projects ({@code project}) and the providers usage ran at (cloud's
 * {@code provider}). A narrow, read-only model: billing never writes these tables. It is plain SQL
 * on a JDBC connection because the rating run reads them in bulk, once per run, next to millions of
 * usage rows; the services read single rows through the same queries.
 */
@ReadsTablesOf(
    value = {"tenancy", "cloud"},
    reason =
        "the rating run reads every tenant, project and provider once per run, next to"
            + " millions of usage rows, on one JDBC connection")
final class BillingParties {

  private BillingParties() {}

  /** A tenant as invoices and budget alerts name it. */
  record Customer(long id, String name, String countryCode, String vatId, String billingEmail) {}

  /** A provider as invoice lines name it. */
  record Provider(long id, String name, String countryCode) {}

  /** Every customer, or only {@code onlyTenant}. */
  static Map<Long, Customer> customers(Connection c, Long onlyTenant) throws SQLException {
    Map<Long, Customer> customers = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, name, country_code, vat_id, billing_email FROM tenant"
                + (onlyTenant == null ? "" : " WHERE id = ?"))) {
      if (onlyTenant != null) {
        s.setLong(1, onlyTenant);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          customers.put(
              rs.getLong(1),
              new Customer(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
    }
    return customers;
  }

  /** The names of every project, or of {@code onlyTenant}'s, by id. */
  static Map<Long, String> projectNames(Connection c, Long onlyTenant) throws SQLException {
    Map<Long, String> names = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, name FROM project" + (onlyTenant == null ? "" : " WHERE tenant_id = ?"))) {
      if (onlyTenant != null) {
        s.setLong(1, onlyTenant);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return names;
  }

  /** Every provider, by id. */
  static Map<Long, Provider> providers(Connection c) throws SQLException {
    Map<Long, Provider> providers = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, name, country_code FROM provider");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        providers.put(rs.getLong(1), new Provider(rs.getLong(1), rs.getString(2), rs.getString(3)));
      }
    }
    return providers;
  }
}
