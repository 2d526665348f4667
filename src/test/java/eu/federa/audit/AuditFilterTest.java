package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

  @Test
  void aDayIsAWholeUtcDayAndToIncludesIt() {
    AuditFilter f = AuditFilter.parse("2026-11-01", "2026-11-30", " ann ", "sign_in", "42");
    assertThat(f.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(f.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(f.actor()).isEqualTo("ann");
    assertThat(f.action()).isEqualTo(AuditAction.SIGN_IN);
    assertThat(f.tenantId()).isEqualTo(42L);
    assertThat(f.describe())
        .isEqualTo(
            "from 2026-11-01T00:00:00Z, to 2026-12-01T00:00:00Z, actor ann, action SIGN_IN,"
                + " tenant 42");
  }

  @Test
  void anInstantIsTakenAsWritten() {
    AuditFilter f = AuditFilter.parse("2026-11-30T08:00:00Z", null, "", null, " ");
    assertThat(f.from()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    assertThat(f.to()).isNull();
    assertThat(f.actor()).isNull();
    assertThat(f.tenantId()).isNull();
    assertThat(AuditFilter.NONE.describe()).isEqualTo("everything");
  }

  @Test
  void eachUnreadableFieldIsNamed() {
    assertThatThrownBy(() -> AuditFilter.parse("yesterday", "2026-13-01", null, "NAP", "x"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("from", "to", "action", "tenant"));
    assertThatThrownBy(() -> AuditFilter.parse("2026-11-30", "2026-11-01", null, null, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::messageKey)
                    .containsExactly("audit.filter.error.range"));
    assertThatThrownBy(() -> AuditFilter.parse(null, null, "a".repeat(256), null, null))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void theExportLinkCarriesTheAppliedFilterUrlEncoded() {
    AuditFilterFields fields = new AuditFilterFields();
    fields.setFrom("2026-11-01");
    fields.setActor("Zoë & <Co>?x=1#");
    fields.setAction(AuditAction.AUDIT_EXPORTED);
    assertThat(fields.exportQuery("csv")).isEqualTo("format=csv");
    fields.apply();
    assertThat(fields.exportQuery("json"))
        .isEqualTo(
            "format=json&from=2026-11-01T00%3A00%3A00Z&actor=Zo%C3%AB+%26+%3CCo%3E%3Fx%3D1%23"
                + "&action=AUDIT_EXPORTED");
  }

  @Test
  void anUnreadableFieldLeavesTheAppliedFilterAsItWas() {
    AuditFilterFields fields = new AuditFilterFields();
    fields.setTenant("7");
    fields.apply();
    fields.setTenant("seven");
    assertThatThrownBy(fields::apply).isInstanceOf(InvalidInputException.class);
    assertThat(fields.applied().tenantId()).isEqualTo(7L);
  }

  @Test
  void anOrganisationIsFoundByItsNameOrItsNumber() {
    Function<String, List<Long>> named =
        name ->
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
              case "acme" -> List.of(4L);
              case "twins" -> List.of(5L, 6L);
              default -> List.of();
            };
    AuditFilterFields fields = new AuditFilterFields();
    fields.setTenant(" Acme ");
    assertThat(fields.apply(named).tenantId()).isEqualTo(4L);
    assertThat(fields.exportQuery("csv")).isEqualTo("format=csv&tenant=4");
    fields.setTenant("12");
    assertThat(fields.apply(named).tenantId()).as("a number is a number").isEqualTo(12L);

    fields.setTenant("Twins");
    assertThatThrownBy(() -> fields.apply(named))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        FieldError.of("tenant", "audit.filter.error.tenantNames", "Twins")));
    fields.setTenant("Nobody");
    fields.setFrom("yesterday");
    assertThatThrownBy(() -> fields.apply(named))
        .as("every problem at once")
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field, FieldError::messageKey)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("from", "audit.filter.error.time"),
                        org.assertj.core.groups.Tuple.tuple(
                            "tenant", "audit.filter.error.tenantName")));
    assertThat(fields.applied().tenantId()).as("the filter applied before stays").isEqualTo(12L);
  }
}
