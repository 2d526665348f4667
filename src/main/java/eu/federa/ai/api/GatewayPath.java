package eu.federa.ai.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.handlers.ServletChain;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's requests skip the portal's sign-in mechanism. Every request of the deployment is
 * otherwise offered to the OpenID Connect mechanism first, whether or not its path needs a
 * signed-in user; for a gateway call, which carries {@code Authorization: Bearer <API key>}, that
 * mechanism took the key for an access token and tried to verify it as one (a quarter of the
 * request thread's time in the bench's profile). The gateway's servlet authenticates its callers
 * itself, by API key only, and reads no signed-in user; web.xml leaves its path open to everyone,
 * so nothing else of the portal's security is skipped: the constraints are still checked, the
 * filters still run.
 *
 * <p>Undertow builds a deployment's handlers from the inside out; this extension remembers the
 * innermost part (the servlet's dispatch) and, among the security handlers, sends a request that
 * maps to {@link Gateway} straight to it, past the authentication call.
 *
 * <p>It also gives the gateway's servlet its own threads ({@link GatewayThreads}), which Undertow
 * hands the servlet's requests to in place of its workers; the servlet finds them in the context
 * attribute {@link #THREADS}.
 */
public class GatewayPath implements ServletExtension {

  /** The servlet context attribute holding the gateway's {@link GatewayThreads}. */
  static final String THREADS = GatewayThreads.class.getName();

  @Override
  public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
    GatewayThreads threads = new GatewayThreads();
    for (ServletInfo servlet : deployment.getServlets().values()) {
      if (servlet.getServletClass() == Gateway.class) {
        servlet.setExecutor(threads);
      }
    }
    context.setAttribute(THREADS, threads);
    AtomicReference<HttpHandler> dispatch = new AtomicReference<>();
    deployment.addInnerHandlerChainWrapper(
        inner -> {
          dispatch.set(inner);
          return inner;
        });
    deployment.addSecurityWrapper(
        authenticating ->
            exchange -> {
              HttpHandler servlet = dispatch.get();
              if (servlet != null && toGateway(exchange)) {
                servlet.handleRequest(exchange);
              } else {
                authenticating.handleRequest(exchange);
              }
            });
  }

  /** Whether the request, as first dispatched, is served by the gateway's servlet. */
  static boolean toGateway(HttpServerExchange exchange) {
    ServletRequestContext request = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
    if (request == null
        || request.getDispatcherType() != DispatcherType.REQUEST
        || request.getServletPathMatch() == null) {
      return false;
    }
    ServletChain chain = request.getServletPathMatch().getServletChain();
    return chain != null
        && chain.getManagedServlet().getServletInfo().getServletClass() == Gateway.class;
  }
}
