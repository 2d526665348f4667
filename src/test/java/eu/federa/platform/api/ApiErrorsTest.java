package eu.federa.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

  private static final ResourceBundle ENGLISH =
      ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.ENGLISH);

  @Test
  void aTransactionLostToAConcurrentChangeIsAConflictToRetryNotAnIncident() {
    // What MariaDB (and Galera, for a failed certification) reports, wrapped as JPA wraps it.
    Throwable lost =
        new PersistenceException(
            new SQLTransactionRollbackException(
                "Deadlock found when trying to get lock; try restarting transaction",
                "40001",
                1213));
    ApiError body = ApiErrors.errorFor(lost, ENGLISH);
    assertThat(body.status()).isEqualTo(409);
    assertThat(body.message()).contains("try again");
    assertThat(body.incident()).isNull();
    ApiError timeout =
        ApiErrors.errorFor(
            new PersistenceException(new SQLException("Lock wait timeout", "HY000", 1205)),
            ENGLISH);
    assertThat(timeout.status()).isEqualTo(409);
  }

  @Test
  void aLostDatabaseConnectionIsA503SayingTheRequestMayNotHaveBeenSaved() {
    ApiError answer =
        ApiErrors.errorFor(
            new PersistenceException(
                new java.sql.SQLNonTransientConnectionException(
                    "(conn=413) Socket error", "08000")),
            ENGLISH);
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.message()).contains("may not have been saved");
    assertThat(answer.incident()).isNull();
  }

  @Test
  void anyOtherDatabaseFailureIsAnIncident() {
    ApiError answer =
        ApiErrors.errorFor(
            new PersistenceException(new SQLException("Table full", "HY000", 1114)), ENGLISH);
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.incident()).isNotBlank();
  }

  @Test
  void aBrokenConstraintIsA400NamingTheFieldInTheCallersLanguage() {
    Locale polish = Locale.forLanguageTag("pl");
    ApiError answer =
        ApiErrors.errorFor(
            new InvalidInputException(
                FieldError.constraint("name", "{federa.text.length}", Map.of("min", 2, "max", 80))),
            ResourceBundle.getBundle("eu.federa.platform.i18n.messages", polish));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.fields())
        .containsExactly(new ApiError.Field("name", "Podaj od 2 do 80 znak\u00f3w."));
  }
}
