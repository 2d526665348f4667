package eu.federa.platform.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer of the REST API is one organisation's data (its orders, members, invoices as PDF or
 * CSV): no browser, proxy or shared cache may keep a copy of it (ASVS 14.3.2).
 */
@Provider
public class NoStore implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle("Cache-Control", "no-store");
    response.getHeaders().putSingle("Pragma", "no-cache");
  }
}
