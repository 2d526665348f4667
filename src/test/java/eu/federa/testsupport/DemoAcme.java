package eu.federa.testsupport;

import eu.federa.devstack.TestStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The demo organisation Acme as the database of the running stack has it.
 *
 * @param tenantId Acme's id
 * @param projectId its first project's id
 */
public record DemoAcme(long tenantId, long projectId) {

  /** Reads Acme's ids from the stack's database. */
  public static DemoAcme read() throws Exception {
    try (Connection db = TestStack.database();
        Statement s = db.createStatement()) {
      long acme = single(s, "SELECT id FROM tenant WHERE name = 'Acme Analytics SAS'");
      return new DemoAcme(acme, single(s, "SELECT MIN(id) FROM project WHERE tenant_id = " + acme));
    }
  }

  private static long single(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
