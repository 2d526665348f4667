package eu.federa.cloud.registry;

import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.TextRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What makes a provider form acceptable, checked before anything is saved. */
final class ProviderRules {

  private ProviderRules() {}

  /**
   * @param creating a new provider needs a secret; an update may leave it blank to keep it
   */
  static List<FieldError> check(ProviderForm form, boolean creating) {
    List<FieldError> errors = new ArrayList<>(Constraints.check(form));
    if (form.apiUsername() != null && form.apiUsername().contains(":")) {
      errors.add(FieldError.of("apiUsername", "provider.error.usernameColon"));
    }
    String country = form.countryCode() == null ? "" : form.countryCode().trim().toUpperCase();
    if (!EuropeanCountries.contains(country)) {
      errors.add(FieldError.of("countryCode", "provider.error.country", country));
    }
    if (creating && (form.apiSecret() == null || form.apiSecret().isBlank())) {
      errors.add(FieldError.of("apiSecret", "form.error.required"));
    }
    for (String certification : form.certifications()) {
      if (certification.length() > 50 || certification.contains(";")) {
        errors.add(FieldError.of("certifications", "provider.error.certification", certification));
      }
    }
    if (String.join(";", form.certifications()).length() > 500) {
      errors.add(FieldError.of("certifications", "form.error.length", 0, 500));
    }
    if (form.publicNetwork() != null
        && !form.publicNetwork().isBlank()
        && !form.publicNetwork().strip().matches("[A-Za-z0-9._ -]{1,128}")) {
      // Written into templates between quotes: a name OpenNebula's own tools would accept.
      errors.add(FieldError.of("publicNetwork", "provider.error.publicNetwork"));
    }
    return errors;
  }

  /** 127.0.0.0/8, ::1 and localhost: the only places plain HTTP may go. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /**
   * What is wrong with a provider's endpoint, as a message template ({@link ProviderEndpoint}), or
   * null when it is acceptable.
   */
  static String endpointProblem(String url) {
    if (url == null || url.isBlank()) {
      return TextRules.REQUIRED;
    }
    try {
      URI uri = new URI(url.trim());
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (!web || uri.getHost() == null || url.length() > 500 || uri.getUserInfo() != null) {
        return ENDPOINT;
      }
      if (!"https".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
        // The provider's credentials travel with every call: outside this machine only over TLS,
        // whose certificate the JDK's client checks.
        return HTTPS_REQUIRED;
      }
      return null;
    } catch (URISyntaxException e) {
      return ENDPOINT;
    }
  }

  static final String ENDPOINT = "{federa.provider.endpoint}";
  static final String HTTPS_REQUIRED = "{federa.provider.httpsRequired}";

  /**
   * An https address (http only on this machine, for a local console) of at most 500 characters
   * naming {@code {vmId}}, and nothing else in braces.
   */
  static boolean isConsoleUrl(String url) {
    if (url.length() > 500 || !url.contains("{vmId}")) {
      return false;
    }
    try {
      URI uri = new URI(url.replace("{vmId}", "0"));
      String scheme = uri.getScheme();
      String host = uri.getHost();
      return host != null
          && uri.getUserInfo() == null
          && ("https".equals(scheme)
              || ("http".equals(scheme) && ("127.0.0.1".equals(host) || "localhost".equals(host))));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
