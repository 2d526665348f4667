package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import org.junit.jupiter.api.Test;

class AccessorELResolverTest {

  public record Row(String name, int vcpu) {
    public String failing() {
      throw new IllegalStateException("no name");
    }

    public void clear() {}
  }

  private record Hidden(String name) {}

  private final AccessorELResolver resolver = new AccessorELResolver();

  @Test
  void callsARecordsAccessorAndSaysItResolvedIt() {
    ELContext context = new EmptyELContext();
    assertThat(resolver.invoke(context, new Row("s-2", 2), "name", new Class<?>[0], new Object[0]))
        .isEqualTo("s-2");
    assertThat(context.isPropertyResolved()).isTrue();
    ELContext again = new EmptyELContext();
    assertThat(resolver.invoke(again, new Row("s-4", 4), "vcpu", null, null)).isEqualTo(4);
    assertThat(again.isPropertyResolved()).isTrue();
  }

  @Test
  void leavesUnknownMethodsVoidMethodsAndHiddenClassesToOthers() {
    ELContext context = new EmptyELContext();
    Row row = new Row("s-2", 2);
    assertThat(resolver.invoke(context, row, "nothing", null, null)).isNull();
    assertThat(resolver.invoke(context, row, "clear", null, null)).isNull();
    assertThat(resolver.invoke(context, new Hidden("x"), "name", null, null)).isNull();
    assertThat(resolver.invoke(context, null, "name", null, null)).isNull();
    assertThat(resolver.invoke(context, new Formatter(), "log", null, new Object[] {"x"}))
        .as("void: an action, for the standard resolver")
        .isNull();
    assertThat(context.isPropertyResolved()).isFalse();
  }

  /** A page bean's way of formatting: methods with arguments, one of them overloaded. */
  public static class Formatter {
    public String number(Number value) {
      return value == null ? "-" : "n" + value;
    }

    public String times(int count, String text) {
      return text.repeat(count);
    }

    public String pick(String a) {
      return "one " + a;
    }

    public String pick(Long a) {
      return "other " + a;
    }

    public String all(String... parts) {
      return String.join(",", parts);
    }

    public void log(String text) {}
  }

  @Test
  void callsAMethodWithArgumentsCoercingThemAsExpressionsDo() {
    Formatter fmt = new Formatter();
    ELContext context = new EmptyELContext();
    assertThat(resolver.invoke(context, fmt, "number", null, new Object[] {42L})).isEqualTo("n42");
    assertThat(context.isPropertyResolved()).isTrue();
    assertThat(resolver.invoke(new EmptyELContext(), fmt, "number", null, new Object[] {null}))
        .as("null stays null for a number, as EL coerces it")
        .isEqualTo("-");
    assertThat(resolver.invoke(new EmptyELContext(), fmt, "times", null, new Object[] {3L, 7}))
        .as("a long for an int, a number for a text: coerced")
        .isEqualTo("777");
    assertThat(
            resolver.invoke(
                new EmptyELContext(), "role.", "concat", null, new Object[] {"TENANT_ADMIN"}))
        .isEqualTo("role.TENANT_ADMIN");
  }

  @Test
  void leavesOverloadedAndVariableArgumentMethodsAndOtherParameterTypesToOthers() {
    Formatter fmt = new Formatter();
    ELContext context = new EmptyELContext();
    assertThat(resolver.invoke(context, fmt, "pick", null, new Object[] {"a"})).isNull();
    assertThat(resolver.invoke(context, fmt, "all", null, new Object[] {"a"})).isNull();
    assertThat(
            resolver.invoke(context, fmt, "number", new Class<?>[] {Long.class}, new Object[] {4L}))
        .isNull();
    assertThat(context.isPropertyResolved()).isFalse();
  }

  @Test
  void aFailingMethodFailsTheExpressionWithItsCause() {
    assertThatThrownBy(
            () -> resolver.invoke(new EmptyELContext(), new Row("s", 1), "failing", null, null))
        .isInstanceOf(ELException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }
}
