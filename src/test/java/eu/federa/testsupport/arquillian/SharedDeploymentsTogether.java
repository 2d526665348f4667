package eu.federa.testsupport.arquillian;

import eu.federa.testsupport.InContainerTest;
import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes that share a deployment one after the other, so that {@link
 * SharedPortalContainer} deploys each shared archive once: first every in-container test (their one
 * archive), then the tests with an archive of their own, then the tests of the built portal, whose
 * deployment method is named {@code portal()} by convention. Within a group, by class name. Set as
 * the default order in {@code junit-platform.properties}; the order changes only the time taken.
 */
public class SharedDeploymentsTogether implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparingInt(SharedDeploymentsTogether::group)
                .thenComparing(d -> d.getTestClass().getName()));
  }

  static int group(ClassDescriptor descriptor) {
    Class<?> test = descriptor.getTestClass();
    if (InContainerTest.class.isAssignableFrom(test)) {
      return 0;
    }
    try {
      test.getDeclaredMethod("portal");
      return 2;
    } catch (NoSuchMethodException ownArchive) {
      return 1;
    }
  }
}
