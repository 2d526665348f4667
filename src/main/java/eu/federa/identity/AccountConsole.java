package eu.federa.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a user manages their password, two-step sign-in and signed-in devices: the account pages of
 * the Keycloak realm the portal signs in with. Keycloak shows them in the language the user chose
 * in the portal (kept in their Keycloak account) and offers a way back to the page named as {@code
 * returnTo}, provided it is an address of the portal's client.
 */
public final class AccountConsole {

  private AccountConsole() {}

  /**
   * The account pages of the realm at {@code realmUrl} ({@code https://login.example.eu/realms/
   * federa}), with a way back to {@code returnTo} through the portal's client {@code clientId}.
   */
  public static String address(String realmUrl, String clientId, String returnTo) {
    return realmUrl.replaceAll("/+$", "")
        + "/account/?referrer="
        + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
        + "&referrer_uri="
        + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
  }
}
