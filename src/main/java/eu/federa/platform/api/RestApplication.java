package eu.federa.platform.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API under {@code /api}: same login as the pages (a browser session, or a bearer token
 * from Keycloak), same services, same checks. JSON in and out; errors as {@link ApiError}.
 */
@ApplicationPath("/api")
public class RestApplication extends Application {}
