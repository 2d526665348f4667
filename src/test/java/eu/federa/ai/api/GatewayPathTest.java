package eu.federa.ai.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ServletInfo;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayPathTest {

  /** Any other servlet of the deployment. */
  public static class Pages extends HttpServlet {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void onlyTheGatewaysServletIsGivenTheGatewaysThreadsAndItFindsThemInItsContext() {
    DeploymentInfo deployment = new DeploymentInfo();
    ServletInfo gateway = new ServletInfo("gateway", Gateway.class);
    ServletInfo pages = new ServletInfo("pages", Pages.class);
    deployment.addServlets(gateway, pages);
    Map<String, Object> attributes = new HashMap<>();
    ServletContext context =
        (ServletContext)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("setAttribute")) {
                    attributes.put((String) args[0], args[1]);
                  }
                  return null;
                });

    new GatewayPath().handleDeployment(deployment, context);

    assertThat(gateway.getExecutor()).isInstanceOf(GatewayThreads.class);
    assertThat(attributes.get(GatewayPath.THREADS)).isSameAs(gateway.getExecutor());
    assertThat(pages.getExecutor()).isNull();
  }
}
