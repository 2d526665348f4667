package eu.federa.platform.web;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.FunctionMapper;
import jakarta.el.VariableMapper;

/** An expression context with nothing in it, for calling one resolver in a unit test. */
final class EmptyELContext extends ELContext {
  @Override
  public ELResolver getELResolver() {
    return null;
  }

  @Override
  public FunctionMapper getFunctionMapper() {
    return null;
  }

  @Override
  public VariableMapper getVariableMapper() {
    return null;
  }
}
