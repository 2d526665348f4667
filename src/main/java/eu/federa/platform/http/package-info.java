/**
 * HTTP-level helpers shared by pages, the REST API and servlets (no Faces here): the portal's
 * public address for links in mails.
 */
package eu.federa.platform.http;
