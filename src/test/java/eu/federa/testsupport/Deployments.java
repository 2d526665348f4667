package eu.federa.testsupport;

import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.xmlrpc.XmlRpcCall;
import eu.federa.cloud.xmlrpc.XmlRpcServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.hamcrest.Matcher;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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
    // The OpenNebula simulator runs inside WildFly for these tests: it needs the JDK's HTTP server.
    String structure =
        readAsset(war, "/WEB-INF/jboss-deployment-structure.xml")
            .replace("<dependencies>", "<dependencies><module name=\"jdk.httpserver\"/>");
    war.delete("/WEB-INF/jboss-deployment-structure.xml");
    war.addAsWebInfResource(new StringAsset(structure), "jboss-deployment-structure.xml");
    // In-container tests assert with AssertJ and wait with Awaitility: they travel in the archive.
    war.addAsLibrary(jarOf(Assertions.class));
    war.addAsLibrary(jarOf(Awaitility.class));
    war.addAsLibrary(jarOf(Matcher.class));
    war.addClasses(InContainerTest.class);
    return war.addClasses(testClasses);
  }

  /**
   * {@link #portalWith} plus the OpenNebula simulator (and the XML-RPC server half it speaks with,
   * which only tests ship), for tests that run providers inside WildFly.
   */
  public static WebArchive portalWithSimulator(Class<?>... testClasses) {
    return portalWith(testClasses)
        .addPackage(OpenNebulaSimulator.class.getPackage())
        .addClasses(XmlRpcServer.class, XmlRpcCall.class);
  }

  /**
   * The one archive of every in-container test: the portal with the simulator, all the test classes
   * that extend {@link InContainerTest} and their fixtures. Being the same for all of them, it is
   * deployed once for them all ({@code SharedPortalContainer}).
   */
  public static WebArchive inContainer() {
    List<Class<?>> classes = new ArrayList<>(inContainerTests());
    classes.addAll(
        List.of(
            PlatformAdminCaller.class,
            TeamFixture.class,
            SimulatedProviders.class,
            SimulatedSite.class,
            ContractFrontEnd.class,
            TestSshKeys.class,
            Refusals.class,
            MailSamples.class,
            HeapSampler.class,
            HeapSampler.Heap.class));
    return portalWithSimulator(classes.toArray(Class<?>[]::new));
  }

  /** The concrete test classes extending {@link InContainerTest}, from the compiled tests. */
  static List<Class<?>> inContainerTests() {
    Path root;
    try {
      root =
          Path.of(
              InContainerTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .map(f -> root.relativize(f).toString())
          .filter(f -> f.endsWith("IT.class"))
          .sorted()
          .map(f -> f.substring(0, f.length() - ".class".length()).replace(File.separatorChar, '.'))
          .<Class<?>>map(Deployments::load)
          .filter(c -> InContainerTest.class.isAssignableFrom(c))
          .filter(c -> !Modifier.isAbstract(c.getModifiers()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, Deployments.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readAsset(WebArchive war, String path) {
    try (InputStream in = war.get(path).getAsset().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static File builtWar() {
    File war = new File(System.getProperty("federa.war", "target/federa.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " is missing: run the tests with mvn verify");
    }
    return war;
  }
}
