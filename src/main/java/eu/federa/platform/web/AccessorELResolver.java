package eu.federa.platform.web;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls of a method in an expression ({@code #{order.name()}}, the way pages read records, and
 * {@code #{fmt.number(r.running())}}, the way they format) with the method looked up once per
 * class, name and number of arguments: the standard resolver searches all of a class's public
 * methods at every call, which was a twentieth of a table page's time under load, and for calls
 * with arguments a twentieth of the dashboard's (docs/performance.md, "Pages under load").
 * Arguments are coerced as the standard resolver does ({@link ELContext#convertToType}). Methods
 * that are overloaded for that number of arguments, take variable arguments, return nothing (an
 * action) or belong to classes that are not public are left to the standard resolvers.
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
    if (base == null || !(method instanceof String name)) {
      return null;
    }
    int arity = params == null ? 0 : params.length;
    if (paramTypes != null && paramTypes.length > 0 && paramTypes.length != arity) {
      return null;
    }
    Optional<Method> found =
        METHODS
            .get(base.getClass())
            .computeIfAbsent(
                arity == 0 ? name : name + '/' + arity,
                n -> arity == 0 ? publicNoArgument(base, name) : publicWith(base, name, arity));
    if (found.isEmpty()) {
      return null;
    }
    Method m = found.get();
    if (paramTypes != null
        && paramTypes.length > 0
        && !java.util.Arrays.equals(paramTypes, m.getParameterTypes())) {
      return null; // the expression names other parameter types: the standard resolver decides
    }
    try {
      Object value = arity == 0 ? m.invoke(base) : m.invoke(base, arguments(context, m, params));
      context.setPropertyResolved(base, method);
      return value;
    } catch (InvocationTargetException e) {
      throw new ELException(e.getCause());
    } catch (IllegalAccessException e) {
      return null; // not ours to call: the standard resolver says why
    }
  }

  /** The arguments as the method takes them: as they are when they fit, else coerced by EL. */
  private static Object[] arguments(ELContext context, Method m, Object[] params) {
    Class<?>[] types = m.getParameterTypes();
    Object[] arguments = new Object[params.length];
    for (int i = 0; i < params.length; i++) {
      Object param = params[i];
      arguments[i] =
          param != null && boxed(types[i]).isInstance(param)
              ? param
              : context.convertToType(param, types[i]);
    }
    return arguments;
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
  }

  static Optional<Method> publicNoArgument(Object base, String name) {
    try {
      return callable(base.getClass().getMethod(name));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  /** The one public method of that name taking {@code arity} arguments, if there is exactly one. */
  static Optional<Method> publicWith(Object base, String name, int arity) {
    Method found = null;
    for (Method m : base.getClass().getMethods()) {
      if (m.isBridge() || m.getParameterCount() != arity || !m.getName().equals(name)) {
        continue;
      }
      if (found != null || m.isVarArgs()) {
        return Optional.empty();
      }
      found = m;
    }
    return found == null ? Optional.empty() : callable(found);
  }

  private static Optional<Method> callable(Method m) {
    boolean callable =
        Modifier.isPublic(m.getDeclaringClass().getModifiers())
            && !Modifier.isStatic(m.getModifiers())
            && m.getReturnType() != void.class;
    return callable ? Optional.of(m) : Optional.empty();
  }
}
