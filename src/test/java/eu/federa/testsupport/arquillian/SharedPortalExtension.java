package eu.federa.testsupport.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.as.arquillian.container.managed.ManagedDeployableContainer;

/** Puts {@link SharedPortalContainer} in place of WildFly's managed container. */
public class SharedPortalExtension implements LoadableExtension {

  @Override
  public void register(ExtensionBuilder builder) {
    builder.override(
        DeployableContainer.class, ManagedDeployableContainer.class, SharedPortalContainer.class);
  }
}
