package eu.federa.platform.web;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;

/**
 * A resolver that answers one kind of read faster than the standard chain and leaves everything
 * else to it: it resolves no value, type or write of its own unless a subclass says so.
 */
abstract class PassThroughELResolver extends ELResolver {

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    // writes go through the standard chain
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return false;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
