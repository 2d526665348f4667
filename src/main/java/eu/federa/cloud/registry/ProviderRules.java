package eu.federa.cloud.registry;

import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What makes a provider form acceptable, checked before anything is saved. */
final class ProviderRules {

  private static final BigDecimal NINETY = BigDecimal.valueOf(90);
  private static final BigDecimal ONE_EIGHTY = BigDecimal.valueOf(180);

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
    coordinate(errors, "latitude", form.latitude(), NINETY);
    coordinate(errors, "longitude", form.longitude(), ONE_EIGHTY);
    endpoint(errors, form.endpointUrl());
    if (creating && (form.apiSecret() == null || form.apiSecret().isBlank())) {
      errors.add(FieldError.of("apiSecret", "form.error.required"));
    }
    if (form.apiSecret() != null && form.apiSecret().length() > 500) {
      errors.add(FieldError.of("apiSecret", "form.error.length", 1, 500));
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
    if (form.consoleUrl() != null
        && !form.consoleUrl().isBlank()
        && !isConsoleUrl(form.consoleUrl().strip())) {
      errors.add(FieldError.of("consoleUrl", "provider.error.consoleUrl"));
    }
    if (form.notes() != null && form.notes().length() > 2000) {
      errors.add(FieldError.of("notes", "form.error.length", 0, 2000));
    }
    return errors;
  }

  private static void coordinate(
      List<FieldError> errors, String field, BigDecimal value, BigDecimal limit) {
    if (value == null) {
      errors.add(FieldError.of(field, "form.error.required"));
    } else if (value.abs().compareTo(limit) > 0) {
      errors.add(FieldError.of(field, "provider.error.coordinate", limit.negate(), limit));
    }
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

  private static void endpoint(List<FieldError> errors, String url) {
    if (url == null || url.isBlank()) {
      errors.add(FieldError.of("endpointUrl", "form.error.required"));
      return;
    }
    try {
      URI uri = new URI(url.trim());
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (!web || uri.getHost() == null || url.length() > 500 || uri.getUserInfo() != null) {
        errors.add(FieldError.of("endpointUrl", "provider.error.endpoint"));
      } else if (!"https".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
        // The provider's credentials travel with every call: outside this machine only over TLS,
        // whose certificate the JDK's client checks.
        errors.add(FieldError.of("endpointUrl", "provider.error.httpsRequired"));
      }
    } catch (URISyntaxException e) {
      errors.add(FieldError.of("endpointUrl", "provider.error.endpoint"));
    }
  }

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
