package eu.federa.tenancy;

import eu.federa.platform.security.AuthenticatedUser;

/** What a membership rule looks at in the signed-in user's token. */
public enum RuleKind {
  /** The domain of a verified e-mail address, e.g. {@code nordlicht-research.example}. */
  EMAIL_DOMAIN,
  /** The alias of the identity provider the user came through, e.g. {@code partner}. */
  IDENTITY_PROVIDER,
  /** A group in the token's {@code groups} claim. */
  GROUP;

  boolean matches(String value, AuthenticatedUser user) {
    return switch (this) {
      case EMAIL_DOMAIN -> value.equals(user.verifiedEmailDomain());
      case IDENTITY_PROVIDER -> value.equals(user.identityProvider());
      case GROUP -> user.groups().contains(value);
    };
  }
}
