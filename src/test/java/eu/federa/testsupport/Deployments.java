package eu.federa.testsupport;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives integration tests deploy: always the portal as built, never a hand-picked subset.
 */
public final class Deployments {

  private Deployments() {}

  /** The real WAR, under the name WildFly's OIDC configuration secures ({@code federa.war}). */
  public static WebArchive portal() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, builtWar());
  }

  /**
   * The real WAR plus in-container test classes, without its web descriptors: Arquillian's test
   * runner must be reachable without an OIDC login, and the context root must not clash.
   */
  public static WebArchive portalWith(Class<?>... testClasses) {
    WebArchive war = ShrinkWrap.create(WebArchive.class, "federa-it.war").merge(portal());
    war.delete("/WEB-INF/web.xml");
    war.delete("/WEB-INF/jboss-web.xml");
    war.delete("/WEB-INF/jboss-deployment-structure.xml");
    // The OpenNebula simulator runs inside WildFly for these tests: it needs the JDK's HTTP server.
    war.addAsWebInfResource(
        new org.jboss.shrinkwrap.api.asset.StringAsset(
            "<jboss-deployment-structure xmlns=\"urn:jboss:deployment-structure:1.2\"><deployment><dependencies>"
                + "<module name=\"org.wildfly.security.elytron-http-oidc\"/><module name=\"jdk.httpserver\"/>"
                + "</dependencies></deployment></jboss-deployment-structure>"),
        "jboss-deployment-structure.xml");
    return war.addClasses(testClasses);
  }

  private static File builtWar() {
    File war = new File(System.getProperty("federa.war", "target/federa.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " is missing: run the tests with mvn verify");
    }
    return war;
  }
}
