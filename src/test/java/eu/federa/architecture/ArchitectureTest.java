package eu.federa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of issue #21, checked on the compiled main classes: OpenNebula stays inside
 * {@code cloud}, Faces inside the {@code web} packages, the entity manager out of pages and REST
 * resources, domain code never reaches up into pages, and capabilities do not depend on each other
 * in a circle.
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
}
