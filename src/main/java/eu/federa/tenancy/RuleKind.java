package eu.federa.tenancy;

import eu.federa.platform.security.AuthenticatedUser;
import java.util.Set;

/** What a membership rule looks at in the signed-in user's token. */
public enum RuleKind {
  /** The domain of a verified e-mail address, e.g. {@code nordlicht-research.example}. */
  EMAIL_DOMAIN,
  /** The alias of the identity provider the user came through, e.g. {@code partner}. */
  IDENTITY_PROVIDER,
  /** A group in the token's {@code groups} claim. */
  GROUP;

  /** How a rule's list of trusted identity providers names the portal realm's own accounts. */
  public static final String LOCAL_ACCOUNTS = "local";

  /**
   * Whether the user's token says what the rule looks for, said by a party the rule trusts for it:
   * a verified address or a group counts only when it comes from one of {@code trusted} (an
   * identity provider's alias, or {@link #LOCAL_ACCOUNTS}); an identity-provider rule names its
   * party itself.
   */
  boolean matches(String value, Set<String> trusted, AuthenticatedUser user) {
    return switch (this) {
      case EMAIL_DOMAIN ->
          value.equals(user.verifiedEmailDomain()) && trusted.contains(source(user));
      case IDENTITY_PROVIDER -> value.equals(user.identityProvider());
      case GROUP -> user.groups().contains(value) && trusted.contains(source(user));
    };
  }

  /** Whether a rule of this kind takes a claim that someone must be trusted for. */
  boolean needsTrustedProviders() {
    return this != IDENTITY_PROVIDER;
  }

  private static String source(AuthenticatedUser user) {
    return user.identityProvider() == null ? LOCAL_ACCOUNTS : user.identityProvider();
  }
}
