package eu.federa.testsupport.arquillian;

import eu.federa.devstack.TestStack;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.api.Injector;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.as.arquillian.container.managed.ManagedContainerConfiguration;
import org.jboss.as.arquillian.container.managed.ManagedDeployableContainer;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * WildFly's managed container, deploying the portal as built ({@code federa.war}, what the browser
 * tests run against) and the archive of the in-container tests ({@code federa-it.war}) once for all
 * the test classes that follow each other with it, instead of once per class: "undeploying" it is
 * deferred until another archive is deployed or the container stops. Every other archive is
 * deployed and undeployed as usual, so only one portal ever runs at a time. {@code
 * SharedDeploymentsTogether} orders the test classes so that each shared archive is deployed once.
 */
public class SharedPortalContainer implements DeployableContainer<ManagedContainerConfiguration> {

  private static final Logger LOG = Logger.getLogger(SharedPortalContainer.class.getName());

  /**
   * The archives shared between test classes: the built WAR, unchanged, and the one archive of all
   * in-container tests ({@code Deployments.inContainer()}).
   */
  static final Set<String> SHARED = Set.of("federa.war", "federa-it.war");

  @Inject private Instance<Injector> injector;

  private ManagedDeployableContainer delegate;
  private Archive<?> kept;
  private String keptContent;
  private ProtocolMetaData keptMetaData;
  private int reused;

  private ManagedDeployableContainer delegate() {
    if (delegate == null) {
      delegate = injector.get().inject(new ManagedDeployableContainer());
    }
    return delegate;
  }

  @Override
  public Class<ManagedContainerConfiguration> getConfigurationClass() {
    return delegate().getConfigurationClass();
  }

  @Override
  public void setup(ManagedContainerConfiguration configuration) {
    delegate().setup(configuration);
  }

  @Override
  public void start() throws LifecycleException {
    delegate().start();
  }

  @Override
  public void stop() throws LifecycleException {
    try {
      undeployKept();
    } catch (DeploymentException e) {
      throw new LifecycleException("Could not undeploy " + SHARED, e);
    }
    LOG.info(
        () -> "Shared archives were reused by " + reused + " test classes without redeploying");
    delegate().stop();
  }

  @Override
  public ProtocolDescription getDefaultProtocol() {
    return delegate().getDefaultProtocol();
  }

  @Override
  public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
    if (kept != null) {
      if (archive.getName().equals(kept.getName()) && content(archive).equals(keptContent)) {
        reused++;
        return keptMetaData;
      }
      undeployKept();
    }
    ProtocolMetaData metaData = delegate().deploy(archive);
    // Keycloak started beside WildFly; no test may sign in before it answers.
    TestStack.awaitKeycloak();
    if (SHARED.contains(archive.getName())) {
      kept = archive;
      keptContent = content(archive);
      keptMetaData = metaData;
    }
    return metaData;
  }

  @Override
  public void undeploy(Archive<?> archive) throws DeploymentException {
    if (kept != null && kept.getName().equals(archive.getName())) {
      return; // kept for the next test class that deploys the same archive
    }
    delegate().undeploy(archive);
  }

  @Override
  public void deploy(Descriptor descriptor) throws DeploymentException {
    delegate().deploy(descriptor);
  }

  @Override
  public void undeploy(Descriptor descriptor) throws DeploymentException {
    delegate().undeploy(descriptor);
  }

  private void undeployKept() throws DeploymentException {
    if (kept != null) {
      Archive<?> archive = kept;
      kept = null;
      keptContent = null;
      keptMetaData = null;
      delegate().undeploy(archive);
    }
  }

  /** What the archive holds, path by path with each entry's size: equal for the same build. */
  private static String content(Archive<?> archive) {
    StringBuilder listing = new StringBuilder();
    archive.getContent().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(Object::toString)))
        .forEach(
            e -> {
              listing.append(e.getKey()).append(' ');
              if (e.getValue().getAsset() instanceof org.jboss.shrinkwrap.api.asset.ArchiveAsset) {
                listing.append("archive");
              } else if (e.getValue().getAsset() != null) {
                listing.append(size(e.getValue().getAsset()));
              }
              listing.append('\n');
            });
    return listing.toString();
  }

  private static long size(org.jboss.shrinkwrap.api.asset.Asset asset) {
    try (java.io.InputStream in = asset.openStream()) {
      return in.transferTo(OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
