package eu.federa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import eu.federa.platform.Capability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The house rules of issue #21, checked on the compiled main classes: OpenNebula stays inside
 * {@code cloud}, Faces inside the {@code web} packages, the entity manager out of pages and REST
 * resources, domain code never reaches up into pages, and capabilities do not depend on each other
 * in a circle, and each capability uses only the capabilities its {@code package-info.java} names
 * in {@link Capability}.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.federa");
  }

  @Test
  void openNebulaStaysInsideCloud() {
    noClasses()
        .that()
        .resideOutsideOfPackage("eu.federa.cloud..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("eu.federa.cloud.opennebula..", "eu.federa.cloud.xmlrpc..")
        .check(main);
  }

  @Test
  void facesOnlyInWebPackages() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.faces..", "org.primefaces..")
        .check(main);
  }

  @Test
  void pagesAndResourcesDoNotQueryTheDatabase() {
    noClasses()
        .that()
        .resideInAnyPackage("..web..", "..api..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.persistence.EntityManager")
        .check(main);
  }

  @Test
  void domainCodeNeverReachesUpIntoPages() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("eu.federa.*.web..")
        .check(main);
  }

  @Test
  void capabilitiesDoNotDependOnEachOtherInACircle() {
    slices().matching("eu.federa.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void onlyPagesReachTheRestApiOfAnotherLayer() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("eu.federa.*.api..")
        .check(main);
  }

  @TestFactory
  Stream<DynamicTest> eachCapabilityUsesOnlyWhatItsPackageInfoNames() {
    JavaPackage root = main.getPackage("eu.federa");
    List<DynamicTest> tests = new ArrayList<>();
    for (JavaPackage capability : root.getSubpackages()) {
      String name = capability.getRelativeName();
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                String[] uses = usesOf(capability);
                String[] allowed =
                    Stream.concat(Stream.of(name), Arrays.stream(uses))
                        .map(c -> "eu.federa." + c + "..")
                        .toArray(String[]::new);
                noClasses()
                    .that()
                    .resideInAPackage("eu.federa." + name + "..")
                    .should()
                    .dependOnClassesThat(
                        DescribedPredicate.describe(
                            "belong to a capability "
                                + name
                                + "'s package-info does not name "
                                + Arrays.toString(uses),
                            (JavaClass target) ->
                                target.getPackageName().startsWith("eu.federa.")
                                    && Arrays.stream(allowed)
                                        .map(a -> a.substring(0, a.length() - 2))
                                        .noneMatch(
                                            a ->
                                                target.getPackageName().equals(a)
                                                    || target
                                                        .getPackageName()
                                                        .startsWith(a + "."))))
                    .check(main);
              }));
    }
    return tests.stream();
  }

  /** The {@code uses} of the package's {@link Capability}; fails when the package has none. */
  private static String[] usesOf(JavaPackage capability) {
    JavaAnnotation<?> annotation =
        capability
            .tryGetPackageInfo()
            .flatMap(info -> info.tryGetAnnotationOfType(Capability.class.getName()))
            .orElseThrow(
                () ->
                    new AssertionError(
                        capability.getName()
                            + " has no @Capability on its package-info.java: name what it may"
                            + " use"));
    Object uses = annotation.get("uses").orElse(new Object[0]);
    return Arrays.stream((Object[]) uses).map(String::valueOf).toArray(String[]::new);
  }
}
