/**
 * Starts Federa's real dependencies on this machine, for the demo ({@link DemoLauncher}) and for
 * the integration tests ({@link IntegrationStackListener}): an embedded MariaDB, Keycloak from its
 * Maven-downloaded distribution, and, for the demo, WildFly with the portal. Test scope only: none
 * of it is in the WAR.
 */
package eu.federa.devstack;
