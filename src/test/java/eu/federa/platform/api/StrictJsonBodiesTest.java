package eu.federa.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonBodiesTest {

  record Sample(
      String name, Long projectId, int count, Double share, boolean flag, List<Long> ids) {}

  record Inner(String strategy, List<Long> includeProviders) {}

  record Outer(String name, Inner placement) {}

  private static Sample read(String json) throws Exception {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Record> type = (Class) Sample.class;
    return (Sample)
        new StrictJsonBodies()
            .readFrom(
                type,
                Sample.class,
                null,
                null,
                null,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> problems(String json) {
    InvalidInputException e = catchThrowableOfType(() -> read(json), InvalidInputException.class);
    assertThat(e).as(json).isNotNull();
    return e.errors().stream().map(f -> f.field() + ":" + f.messageKey()).toList();
  }

  @Test
  void aWellTypedBodyIsRead() throws Exception {
    Sample s =
        read(
            "{\"name\":\"Vision\",\"projectId\":7,\"count\":2,\"share\":0.5,\"flag\":true,\"ids\":[1,2]}");
    assertThat(s).isEqualTo(new Sample("Vision", 7L, 2, 0.5, true, List.of(1L, 2L)));
    assertThat(read("{}")).isEqualTo(new Sample(null, null, 0, null, false, null));
  }

  @Test
  void aNestedObjectIsBoundAsStrictlyWithItsProblemsNamedUnderItsField() {
    Outer read =
        StrictJsonBodies.bind(
            Outer.class,
            jakarta.json.Json.createReader(
                    new java.io.StringReader(
                        "{\"name\":\"a\",\"placement\":{\"strategy\":\"PACK\",\"includeProviders\":[3]}}"))
                .readObject());
    assertThat(read).isEqualTo(new Outer("a", new Inner("PACK", List.of(3L))));
    InvalidInputException e =
        catchThrowableOfType(
            () ->
                StrictJsonBodies.bind(
                    Outer.class,
                    jakarta.json.Json.createReader(
                            new java.io.StringReader(
                                "{\"placement\":{\"strategy\":1,\"colour\":\"green\"}}"))
                        .readObject()),
            InvalidInputException.class);
    assertThat(e.errors().stream().map(f -> f.field() + ":" + f.messageKey()))
        .containsExactlyInAnyOrder(
            "placement.strategy:api.error.type.text", "placement.colour:api.error.unknownField");
    InvalidInputException notObject =
        catchThrowableOfType(
            () ->
                StrictJsonBodies.bind(
                    Outer.class,
                    jakarta.json.Json.createReader(new java.io.StringReader("{\"placement\":[1]}"))
                        .readObject()),
            InvalidInputException.class);
    assertThat(notObject.errors().get(0).messageKey()).isEqualTo("api.error.type.object");
  }

  @Test
  void valuesOfTheWrongTypeAreNotCoerced() {
    assertThat(problems("{\"name\":123}")).containsExactly("name:api.error.type.text");
    assertThat(problems("{\"name\":true}")).containsExactly("name:api.error.type.text");
    assertThat(problems("{\"projectId\":1.5}")).containsExactly("projectId:api.error.type.integer");
    assertThat(problems("{\"projectId\":\"7\"}"))
        .containsExactly("projectId:api.error.type.integer");
    assertThat(problems("{\"flag\":1}")).containsExactly("flag:api.error.type.boolean");
    assertThat(problems("{\"ids\":5}")).containsExactly("ids:api.error.type.list");
    assertThat(problems("{\"ids\":[\"x\"]}")).containsExactly("ids:api.error.type.integer");
  }

  @Test
  void outOfRangeNumbersNullItemsAndLongListsAreRefused() {
    assertThat(problems("{\"projectId\":99999999999999999999}"))
        .containsExactly("projectId:api.error.range");
    assertThat(problems("{\"count\":2147483648}")).containsExactly("count:api.error.range");
    assertThat(problems("{\"share\":1e400}")).containsExactly("share:api.error.range");
    assertThat(problems("{\"ids\":[null]}")).containsExactly("ids:api.error.nullItem");
    assertThat(problems("{\"ids\":[" + "1,".repeat(1000) + "1]}"))
        .containsExactly("ids:api.error.tooMany");
  }

  record Money(BigDecimal eurPerMonth) {}

  private static Money money(String json) throws Exception {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Record> type = (Class) Money.class;
    return (Money)
        new StrictJsonBodies()
            .readFrom(
                type,
                Money.class,
                null,
                null,
                null,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void moneyIsReadExactlyAndAbsurdAmountsAreRefused() throws Exception {
    assertThat(money("{\"eurPerMonth\":100.10}").eurPerMonth()).isEqualByComparingTo("100.10");
    assertThat(money("{\"eurPerMonth\":null}").eurPerMonth()).isNull();
    for (String bad : List.of("\"100\"", "1e400", "1e-400", "true")) {
      InvalidInputException e =
          catchThrowableOfType(
              () -> money("{\"eurPerMonth\":" + bad + "}"), InvalidInputException.class);
      assertThat(e).as(bad).isNotNull();
      assertThat(e.errors().get(0).field()).isEqualTo("eurPerMonth");
    }
  }

  @Test
  void controlAndTextDirectionCharactersAndHugeStringsAreRefused() {
    assertThat(problems("{\"name\":\"a\\u0000b\"}")).containsExactly("name:form.error.characters");
    assertThat(problems("{\"name\":\"a\\u202Eb\"}")).containsExactly("name:form.error.characters");
    assertThat(problems("{\"name\":\"" + "x".repeat(10_001) + "\"}"))
        .containsExactly("name:form.error.length");
  }

  @Test
  void unknownFieldsAndBodiesThatAreNotOneObjectAreRefused() {
    assertThat(problems("{\"name\":\"a\",\"admin\":true}"))
        .containsExactly("admin:api.error.unknownField");
    for (String body : List.of("", "null", "[]", "\"x\"", "{", "{} {}")) {
      assertThat(problems(body)).as(body).containsExactly("null:api.error.body");
    }
    assertThat(problems("{\"name\":\"" + "x".repeat(300_000) + "\"}"))
        .extracting(p -> p.substring(p.indexOf(':') + 1))
        .containsExactly("api.error.bodySize");
  }

  @Test
  void theFieldErrorsNameTheFields() {
    InvalidInputException e =
        catchThrowableOfType(
            () -> read("{\"name\":1,\"projectId\":\"x\"}"), InvalidInputException.class);
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("name", "projectId");
  }

  enum Kind {
    INFERENCE,
    NOTEBOOK
  }

  record Ordered(Kind kind) {}

  private static Ordered readOrdered(String json) throws Exception {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Record> type = (Class) Ordered.class;
    return (Ordered)
        new StrictJsonBodies()
            .readFrom(
                type,
                Ordered.class,
                null,
                null,
                null,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anEnumTakesOneOfItsNamesExactlyAndNothingElse() throws Exception {
    assertThat(readOrdered("{\"kind\":\"NOTEBOOK\"}").kind()).isEqualTo(Kind.NOTEBOOK);
    for (String bad : List.of("{\"kind\":\"notebook\"}", "{\"kind\":\"X\"}", "{\"kind\":1}")) {
      InvalidInputException e =
          catchThrowableOfType(() -> readOrdered(bad), InvalidInputException.class);
      assertThat(e).as(bad).isNotNull();
      assertThat(e.errors().get(0).field()).isEqualTo("kind");
    }
  }
}
