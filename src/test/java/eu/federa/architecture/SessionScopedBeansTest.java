package eu.federa.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ConversationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The portal's sessions move between the nodes of a cluster (the WAR is distributable), so every
 * bean kept in a session (session, view and conversation scope) must come back whole on another
 * node: the class is Serializable, and each field it keeps is either transient or holds something
 * that is serialised with it (a primitive, a serializable value, a collection of such) or an
 * injected bean that the container hands out as a serializable proxy (a normal-scoped bean). An
 * injected field is never transient: it would come back null on the node that reads the session
 * (Weld restores the proxies of injected beans). A transient field that is not injected is a cache
 * the bean fills again when it finds it empty.
 */
class SessionScopedBeansTest {

  private static final List<Class<? extends Annotation>> KEPT_IN_SESSION =
      List.of(SessionScoped.class, ViewScoped.class, ConversationScoped.class);
  private static final List<Class<? extends Annotation>> PROXIED =
      List.of(
          ApplicationScoped.class,
          RequestScoped.class,
          SessionScoped.class,
          ViewScoped.class,
          ConversationScoped.class);

  @Test
  void everyBeanKeptInASessionSurvivesAMoveToAnotherNode() throws Exception {
    List<Class<?>> beans = new ArrayList<>();
    Set<Class<?>> produced = new java.util.HashSet<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.federa")) {
      Class<?> type = Class.forName(c.getName());
      if (KEPT_IN_SESSION.stream().anyMatch(type::isAnnotationPresent)) {
        beans.add(type);
      }
      // what a normal-scoped producer makes is injected as a proxy too (the UTC clock)
      for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
        if (method.isAnnotationPresent(jakarta.enterprise.inject.Produces.class)
            && PROXIED.stream().anyMatch(method::isAnnotationPresent)) {
          produced.add(method.getReturnType());
        }
      }
    }
    assertThat(beans).as("beans kept in sessions").hasSizeGreaterThan(10);

    List<String> problems = new ArrayList<>();
    for (Class<?> bean : beans) {
      if (!Serializable.class.isAssignableFrom(bean)) {
        problems.add(bean.getName() + " is not Serializable");
      }
      for (Class<?> c = bean; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          int m = f.getModifiers();
          if (f.isAnnotationPresent(Inject.class) && Modifier.isTransient(m)) {
            // comes back null on the node that reads the session
            problems.add(bean.getName() + "." + f.getName() + " is injected but transient");
            continue;
          }
          if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) {
            continue;
          }
          if (f.isAnnotationPresent(Inject.class)) {
            if (!produced.contains(f.getType()) && !proxiedOrSerializable(f.getType())) {
              problems.add(bean.getName() + "." + f.getName() + " (" + f.getType() + ")");
            }
          } else {
            String culprit = culprit(f.getGenericType(), new java.util.HashSet<>());
            if (culprit != null) {
              problems.add(bean.getName() + "." + f.getName() + ": " + culprit);
            }
          }
        }
      }
    }
    assertThat(problems).as("fields that would not reach another node").isEmpty();
  }

  @Test
  void theRuleSeesWhatWouldBreak() {
    assertThat(serializable(Thread.class)).isFalse();
    assertThat(serializable(java.util.Optional.class)).isFalse();
    assertThat(serializable(String.class)).isTrue();
    assertThat(serializable(int.class)).isTrue();
    assertThat(serializable(Holder.class)).as("a record holding a Thread").isFalse();
  }

  private record Holder(String name, Thread thread) implements Serializable {}

  private static boolean proxiedOrSerializable(Class<?> type) {
    return PROXIED.stream().anyMatch(type::isAnnotationPresent)
        || type.isInterface() && type.getName().startsWith("eu.federa")
        || Serializable.class.isAssignableFrom(type);
  }

  private static boolean serializable(Type type) {
    return culprit(type, new java.util.HashSet<>()) == null;
  }

  /**
   * What makes a value declared as {@code type} fail to be serialised whole (null: nothing). For
   * Federa's own classes every field they keep counts too: a record of a type that is not
   * Serializable breaks the session it is in.
   */
  private static String culprit(Type type, Set<Class<?>> seen) {
    if (type instanceof Class<?> c) {
      if (c.isPrimitive() || c.isEnum()) {
        return null;
      }
      if (c.isArray()) {
        return culprit(c.getComponentType(), seen);
      }
      if (c == List.class || c == Set.class || c == Map.class || c == Collection.class) {
        return null; // declared as a collection: its element types decide (below)
      }
      if (!Serializable.class.isAssignableFrom(c)) {
        return c.getName();
      }
      if (!c.getName().startsWith("eu.federa") || !seen.add(c)) {
        return null;
      }
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          int m = f.getModifiers();
          if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
            String inner = culprit(f.getGenericType(), seen);
            if (inner != null) {
              return c.getSimpleName() + "." + f.getName() + " -> " + inner;
            }
          }
        }
      }
      return null;
    }
    if (type instanceof ParameterizedType p) {
      String raw = culprit(p.getRawType(), seen);
      if (raw != null) {
        return raw;
      }
      for (Type argument : p.getActualTypeArguments()) {
        String inner = culprit(argument, seen);
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (type instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        if (bound != Object.class && culprit(bound, seen) != null) {
          return culprit(bound, new java.util.HashSet<>());
        }
      }
      return null;
    }
    return type.getTypeName() + " (cannot be judged from its declaration)";
  }
}
