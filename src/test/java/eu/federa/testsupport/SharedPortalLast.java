package eu.federa.testsupport;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes that deploy the portal as built (a static {@code portal()} with
 * {@code @Deployment(testable = false)}: the browser tests and the client-side API tests) after all
 * the others, in their discovery order, so that they follow each other and share one deployment
 * (see {@code arquillian.SharedPortalContainer}). Every other class keeps its order.
 */
public class SharedPortalLast implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(Comparator.comparing(d -> deploysThePortal(d.getTestClass())));
  }

  static boolean deploysThePortal(Class<?> type) {
    for (Method method : type.getDeclaredMethods()) {
      Deployment deployment = method.getAnnotation(Deployment.class);
      if (deployment != null
          && !deployment.testable()
          && deployment.managed()
          && Modifier.isStatic(method.getModifiers())
          && method.getName().equals("portal")) {
        return true;
      }
    }
    return false;
  }
}
