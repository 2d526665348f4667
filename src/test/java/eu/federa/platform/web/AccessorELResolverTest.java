package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import jakarta.el.FunctionMapper;
import jakarta.el.VariableMapper;
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

  private static final class Context extends ELContext {
    @Override
    public ELResolver getELResolver() {
      return null;
    }

    @Override
    public FunctionMapper getFunctionMapper() {
      return null;
    }

    @Override
    public VariableMapper getVariableMapper() {
      return null;
    }
  }

  @Test
  void callsARecordsAccessorAndSaysItResolvedIt() {
    Context context = new Context();
    assertThat(resolver.invoke(context, new Row("s-2", 2), "name", new Class<?>[0], new Object[0]))
        .isEqualTo("s-2");
    assertThat(context.isPropertyResolved()).isTrue();
    Context again = new Context();
    assertThat(resolver.invoke(again, new Row("s-4", 4), "vcpu", null, null)).isEqualTo(4);
    assertThat(again.isPropertyResolved()).isTrue();
  }

  @Test
  void leavesCallsWithArgumentsUnknownMethodsVoidMethodsAndHiddenClassesToOthers() {
    Context context = new Context();
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
    assertThatThrownBy(() -> resolver.invoke(new Context(), new Row("s", 1), "failing", null, null))
        .isInstanceOf(ELException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }
}
