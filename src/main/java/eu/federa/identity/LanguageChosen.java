package eu.federa.identity;

/**
 * A user chose the language of their pages in the portal; once the choice is committed, Keycloak's
 * pages are told too ({@link KeycloakLanguage}).
 */
public record LanguageChosen(String subject, String languageTag) {}
