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
  void leavesCallsWithArgumentsUnknownMethodsVoidMethodsAndHiddenClassesToOthers() {
    ELContext context = new EmptyELContext();
    Row row = new Row("s-2", 2);
    assertThat(
            resolver.invoke(
                context, row, "equals", new Class<?>[] {Object.class}, new Object[] {row}))
        .isNull();
    assertThat(resolver.invoke(context, row, "nothing", null, null)).isNull();
    assertThat(resolver.invoke(context, row, "clear", null, null)).isNull();
    assertThat(resolver.invoke(context, new Hidden("x"), "name", null, null)).isNull();
    assertThat(resolver.invoke(context, null, "name", null, null)).isNull();
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
