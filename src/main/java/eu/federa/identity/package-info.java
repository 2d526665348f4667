/**
 * Who is signed in: the portal's own record of each user (created at first sign-in through
 * Keycloak) and their preferences. Depends only on {@code platform}.
 */
package eu.federa.identity;
