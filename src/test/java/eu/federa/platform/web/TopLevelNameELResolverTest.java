package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.el.ELContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TopLevelNameELResolverTest {

  private final Object tenantProxy = new Object();
  private final AtomicInteger beanLookups = new AtomicInteger();
  private final Map<String, Object> attributes = new HashMap<>();

  private final TopLevelNameELResolver resolver =
      new TopLevelNameELResolver(
          name -> {
            beanLookups.incrementAndGet();
            return switch (name) {
              case "currentTenant" -> Optional.of(tenantProxy);
              case "orderForm" -> TopLevelNameELResolver.NOT_A_PROXY; // a dependent bean
              default -> Optional.empty();
            };
          },
          Set.of("msg"),
          new TopLevelNameELResolver.Scope() {
            @Override
            public Object requestAttribute(ELContext context, String name) {
              return attributes.get(name);
            }

            @Override
            public Object bundle(ELContext context, String name) {
              return "bundle:" + name;
            }
          });

  private static ELContext context() {
    return new EmptyELContext();
  }

  private Object resolve(String name) {
    ELContext context = context();
    Object value = resolver.getValue(context, null, name);
    return context.isPropertyResolved() ? value : "UNRESOLVED";
  }

  @Test
  void aNormalScopedBeanIsItsProxyLookedUpOnce() {
    assertThat(resolve("currentTenant")).isSameAs(tenantProxy);
    assertThat(resolve("currentTenant")).isSameAs(tenantProxy);
    assertThat(beanLookups).hasValue(1);
  }

  @Test
  void theBundleVariableIsTheViewsBundle() {
    assertThat(resolve("msg")).isEqualTo("bundle:msg");
  }

  @Test
  void aRowVariableIsTheRequestAttributeWhileSet() {
    assertThat(resolve("o")).isEqualTo("UNRESOLVED");
    attributes.put("o", List.of("row"));
    assertThat(resolve("o")).isEqualTo(List.of("row"));
    attributes.remove("o");
    assertThat(resolve("o")).isEqualTo("UNRESOLVED");
  }

  @Test
  void dependentBeansImplicitObjectsAndPropertiesAreLeftToTheChain() {
    attributes.put("orderForm", "shadow");
    attributes.put("request", "shadow");
    assertThat(resolve("orderForm")).isEqualTo("UNRESOLVED");
    assertThat(resolve("request")).isEqualTo("UNRESOLVED");
    ELContext context = context();
    assertThat(resolver.getValue(context, tenantProxy, "name")).isNull();
    assertThat(context.isPropertyResolved()).isFalse();
  }
}
