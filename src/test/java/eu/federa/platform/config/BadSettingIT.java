package eu.federa.platform.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.testsupport.Deployments;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A setting that is not of its kind stops the deployment with its name, in the real server: the
 * portal as built, given {@code federa.reconcile.interval-seconds=sixty} through a MicroProfile
 * Config source of its own (the test server sets no such property, which would win).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadSettingIT {

  private static final String BAD = "bad-setting";

  @Deployment(name = BAD, managed = false, testable = false)
  static WebArchive portalWithABadSetting() {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, "federa-bad-setting.war").merge(Deployments.portal());
    // Its own context root, and no OIDC login (it is not the secured federa.war).
    war.delete("/WEB-INF/web.xml");
    war.delete("/WEB-INF/jboss-web.xml");
    war.addAsResource(
        new StringAsset("federa.reconcile.interval-seconds=sixty\n"),
        "META-INF/microprofile-config.properties");
    return war;
  }

  @ArquillianResource Deployer deployer;

  @Test
  void aBadSettingStopsTheDeploymentNamingTheSettingAndWhatItExpects() {
    try {
      assertThatThrownBy(() -> deployer.deploy(BAD))
          .hasStackTraceContaining("Federa does not start")
          .hasStackTraceContaining("federa.reconcile.interval-seconds")
          .hasStackTraceContaining("FEDERA_RECONCILE_INTERVAL_SECONDS")
          .hasStackTraceContaining("a whole number of at least 1");
    } finally {
      try {
        deployer.undeploy(BAD);
      } catch (RuntimeException notDeployed) {
        // a failed deployment is rolled back by WildFly: nothing to undeploy
      }
    }
  }
}
