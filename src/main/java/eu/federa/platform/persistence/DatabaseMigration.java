package eu.federa.platform.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * Brings the schema up to date when the application starts, before it serves a request.
 *
 * <p>Flyway owns the schema ({@code db/migration}); Hibernate never generates it. Once Flyway is
 * done, Hibernate validates its mappings against the migrated tables, so a mapping that does not
 * match the schema stops the deployment instead of failing later on a user's request. Flyway takes
 * a database lock, so two WildFly nodes starting together migrate once.
 */
@ApplicationScoped
public class DatabaseMigration {

  private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

  @Resource(lookup = "java:jboss/datasources/FederaDS")
  DataSource dataSource;

  @PersistenceUnit(unitName = "federa")
  EntityManagerFactory entityManagerFactory;

  void onStart(
      @Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class)
          Object event) {
    MigrateResult result =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .validateMigrationNaming(true)
            .load()
            .migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
    entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
  }
}
