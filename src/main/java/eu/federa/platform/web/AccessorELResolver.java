package eu.federa.platform.web;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls of a method without arguments in an expression ({@code #{order.name()}}, the way pages read
 * records) with the method looked up once per class: the standard resolver searches all of a
 * class's public methods at every call, which was a twentieth of a table page's time under load
 * (docs/performance.md, "Pages under load"). Calls with arguments, and methods of classes that are
 * not public, are left to the standard resolvers.
 */
public class AccessorELResolver extends PassThroughELResolver {

  private static final ClassValue<ConcurrentHashMap<String, Optional<Method>>> METHODS =
      new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Optional<Method>> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base == null
        || !(method instanceof String name)
        || (params != null && params.length > 0)
        || (paramTypes != null && paramTypes.length > 0)) {
      return null;
    }
    Optional<Method> found =
        METHODS.get(base.getClass()).computeIfAbsent(name, n -> publicNoArgument(base, n));
    if (found.isEmpty()) {
      return null;
    }
    try {
      Object value = found.get().invoke(base);
      context.setPropertyResolved(base, method);
      return value;
    } catch (InvocationTargetException e) {
      throw new ELException(e.getCause());
    } catch (IllegalAccessException e) {
      return null; // not ours to call: the standard resolver says why
    }
  }

  static Optional<Method> publicNoArgument(Object base, String name) {
    try {
      Method m = base.getClass().getMethod(name);
      boolean callable =
          Modifier.isPublic(m.getDeclaringClass().getModifiers())
              && !Modifier.isStatic(m.getModifiers())
              && m.getReturnType() != void.class;
      return callable ? Optional.of(m) : Optional.empty();
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }
}
