package eu.federa.tenancy;

import eu.federa.platform.validation.Text;
import java.util.Arrays;
import java.util.List;

/**
 * A membership rule as a platform admin fills it in.
 *
 * @param trustedProviders for domain and group rules: the identity providers whose word is taken
 *     for that domain or group, as aliases separated by commas or spaces ("local" for accounts of
 *     the portal's own realm)
 */
public record MembershipRuleForm(
    String kind,
    @Text(max = 255) String value,
    Long tenantId,
    String role,
    String trustedProviders) {

  /** The parties named in {@link #trustedProviders}, in order, each once. */
  public List<String> trusted() {
    if (trustedProviders == null) {
      return List.of();
    }
    return Arrays.stream(trustedProviders.split("[,\\s]+"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }
}
