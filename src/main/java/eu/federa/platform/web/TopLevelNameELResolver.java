package eu.federa.platform.web;

import jakarta.el.CompositeELResolver;
import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.Application;
import jakarta.faces.application.ApplicationFactory;
import jakarta.faces.application.ApplicationWrapper;
import jakarta.faces.context.FacesContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The first name of an expression ({@code currentTenant} in {@code #{currentTenant.name}}, {@code
 * msg}, a table's row variable) resolved once per name instead of by the whole resolver chain on
 * every evaluation. Faces asks the bean container first for every such name, then a dozen other
 * resolvers, before it finds a row variable in the request or the message bundle: 6-12 % of a
 * page's time under load (docs/performance.md, "Pages under load"). Results are the same as the
 * chain's:
 *
 * <ul>
 *   <li>a named bean of a normal scope (request, session, application, view) is its client proxy,
 *       which always reaches the current context's instance, so it is looked up once;
 *   <li>the faces-config's bundle variable ({@code msg}) is the bundle of the view's language;
 *   <li>any other name that is neither a bean nor one of Faces' implicit objects is a request
 *       attribute when one is set (a table's row variable);
 *   <li>everything else (dependent beans, implicit objects, unset names, any name with a base, any
 *       write) is left to the standard chain.
 * </ul>
 */
public class TopLevelNameELResolver extends PassThroughELResolver {

  /** What this request has for a name that is neither a bean nor a bundle. */
  public interface Scope {
    Object requestAttribute(ELContext context, String name);

    Object bundle(ELContext context, String name);
  }

  /** Faces' implicit objects, which the standard chain resolves before request attributes. */
  static final Set<String> IMPLICIT =
      Set.of(
          "application",
          "applicationScope",
          "cc",
          "component",
          "cookie",
          "externalContext",
          "facesContext",
          "flash",
          "flowScope",
          "header",
          "headerValues",
          "initParam",
          "param",
          "paramValues",
          "request",
          "requestScope",
          "resource",
          "session",
          "sessionScope",
          "view",
          "viewScope");

  private sealed interface Kind permits BeanProxy, Bundle, Attribute, Chain {}

  private record BeanProxy(Object reference) implements Kind {}

  private record Bundle() implements Kind {}

  private record Attribute() implements Kind {}

  private record Chain() implements Kind {}

  private final ConcurrentHashMap<String, Kind> kinds = new ConcurrentHashMap<>();
  private final Function<String, Optional<Object>> beans;
  private final Set<String> bundles;
  private final Scope scope;

  /**
   * @param beans for a name, the client proxy of the named bean when it has a normal scope; a name
   *     with a dependent or ambiguous bean must be answered with {@link #NOT_A_PROXY}
   * @param bundles the bundle variables of faces-config
   */
  TopLevelNameELResolver(
      Function<String, Optional<Object>> beans, Set<String> bundles, Scope scope) {
    this.beans = beans;
    this.bundles = Set.copyOf(bundles);
    this.scope = scope;
  }

  /** What {@code beans} answers for a name whose bean the chain must resolve every time. */
  static final Optional<Object> NOT_A_PROXY = Optional.of(new Object());

  private Kind kindOf(String name) {
    Optional<Object> bean = beans.apply(name);
    if (bean == NOT_A_PROXY) {
      return new Chain();
    }
    if (bean.isPresent()) {
      return new BeanProxy(bean.get());
    }
    if (bundles.contains(name)) {
      return new Bundle();
    }
    if (IMPLICIT.contains(name)) {
      return new Chain();
    }
    return new Attribute();
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base != null || !(property instanceof String name)) {
      return null;
    }
    Kind kind = kinds.computeIfAbsent(name, this::kindOf);
    Object value;
    if (kind instanceof BeanProxy proxy) {
      value = proxy.reference();
    } else if (kind instanceof Bundle) {
      value = scope.bundle(context, name);
    } else if (kind instanceof Attribute) {
      value = scope.requestAttribute(context, name);
    } else {
      value = null;
    }
    if (value != null) {
      context.setPropertyResolved(base, property);
    }
    return value;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base == null ? String.class : null;
  }

  /** The client proxy of a normal-scoped named bean, {@link #NOT_A_PROXY} for another bean. */
  static Optional<Object> normalScopedBean(BeanManager manager, String name) {
    Set<Bean<?>> found = manager.getBeans(name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Bean<?> bean;
    try {
      bean = manager.resolve(found);
    } catch (RuntimeException ambiguous) {
      return NOT_A_PROXY;
    }
    if (bean == null || !manager.isNormalScope(bean.getScope())) {
      return NOT_A_PROXY;
    }
    java.lang.reflect.Type type = proxiedType(bean);
    if (type == null) {
      return NOT_A_PROXY;
    }
    CreationalContext<?> creation = manager.createCreationalContext(bean);
    return Optional.of(manager.getReference(bean, type, creation));
  }

  /**
   * The bean's class when it is one of its types (a managed bean); null for a produced bean, whose
   * proxy the standard chain makes.
   */
  private static java.lang.reflect.Type proxiedType(Bean<?> bean) {
    return bean.getTypes().contains(bean.getBeanClass()) ? bean.getBeanClass() : null;
  }

  /** The request's attributes and the view's bundle, as Faces keeps them. */
  static final class FacesScope implements Scope {
    @Override
    public Object requestAttribute(ELContext context, String name) {
      FacesContext faces = (FacesContext) context.getContext(FacesContext.class);
      return faces == null ? null : faces.getExternalContext().getRequestMap().get(name);
    }

    @Override
    public Object bundle(ELContext context, String name) {
      FacesContext faces = (FacesContext) context.getContext(FacesContext.class);
      return faces == null ? null : faces.getApplication().getResourceBundle(faces, name);
    }
  }

  /**
   * Puts the resolver in front of the application's chain (faces-config's resolvers come after the
   * bean container's, so it has to be done here).
   */
  public static final class Factory extends ApplicationFactory {

    private volatile Application wrapped;
    private volatile Application seen;

    public Factory(ApplicationFactory factory) {
      super(factory);
    }

    @Override
    public Application getApplication() {
      Application application = getWrapped().getApplication();
      if (application != seen) {
        synchronized (this) {
          if (application != seen) {
            wrapped = new Fast(application);
            seen = application;
          }
        }
      }
      return wrapped;
    }

    @Override
    public void setApplication(Application application) {
      getWrapped().setApplication(application);
    }
  }

  private static final class Fast extends ApplicationWrapper {

    private volatile ELResolver resolver;

    Fast(Application application) {
      super(application);
    }

    @Override
    public ELResolver getELResolver() {
      ELResolver r = resolver;
      if (r == null) {
        synchronized (this) {
          r = resolver;
          if (r == null) {
            BeanManager manager = CDI.current().getBeanManager();
            CompositeELResolver chain = new CompositeELResolver();
            chain.add(
                new TopLevelNameELResolver(
                    name -> normalScopedBean(manager, name), Set.of("msg"), new FacesScope()));
            chain.add(getWrapped().getELResolver());
            resolver = chain;
            r = chain;
          }
        }
      }
      return r;
    }
  }
}
