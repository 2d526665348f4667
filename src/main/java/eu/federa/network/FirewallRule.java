package eu.federa.network;

import eu.federa.cloud.SecurityGroupRule;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One inbound rule of a tenant's firewall: traffic of a protocol, to a range of ports (TCP and UDP
 * only), from a range of addresses. Everything outbound is allowed; inbound, only what a rule
 * names.
 *
 * @param portFrom the first port, or null for every port (ICMP, ALL)
 * @param portTo the last port (equal to {@code portFrom} for one port), or null
 */
public record FirewallRule(
    Protocol protocol, Integer portFrom, Integer portTo, SourceRange source) {

  /** The protocols a rule may name. */
  public enum Protocol {
    TCP,
    UDP,
    ICMP,
    ALL;

    boolean hasPorts() {
      return this == TCP || this == UDP;
    }
  }

  /** What a new tenant's firewall holds: SSH from anywhere, nothing else inbound. */
  public static final FirewallRule SSH_FROM_ANYWHERE =
      new FirewallRule(Protocol.TCP, 22, 22, SourceRange.ANYWHERE);

  public static final int HIGHEST_PORT = 65535;

  /**
   * A rule from what a user typed: the protocol's name, the ports (the last one may be left out for
   * a single port) and the source range.
   *
   * @throws InvalidInputException with every reason found (fields {@code protocol}, {@code
   *     portFrom}, {@code portTo}, {@code source}); nothing is kept
   */
  public static FirewallRule of(String protocol, Integer portFrom, Integer portTo, String source) {
    List<FieldError> errors = new ArrayList<>();
    Protocol p = null;
    try {
      p = Protocol.valueOf(protocol == null ? "" : protocol.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(FieldError.of("protocol", "firewall.error.protocol"));
    }
    Integer from = portFrom;
    Integer to = portTo == null ? portFrom : portTo;
    if (p != null && p.hasPorts()) {
      if (from == null) {
        errors.add(FieldError.of("portFrom", "firewall.error.portNeeded", p.name()));
      } else {
        if (from < 1 || from > HIGHEST_PORT) {
          errors.add(FieldError.of("portFrom", "firewall.error.port", from));
        }
        if (to < 1 || to > HIGHEST_PORT) {
          errors.add(FieldError.of("portTo", "firewall.error.port", to));
        } else if (to < from) {
          errors.add(FieldError.of("portTo", "firewall.error.portOrder", from, to));
        }
      }
    } else if (p != null && (portFrom != null || portTo != null)) {
      errors.add(FieldError.of("portFrom", "firewall.error.noPorts", p.name()));
    }
    SourceRange range = null;
    try {
      range = SourceRange.parse(source);
    } catch (InvalidInputException e) {
      errors.addAll(e.errors());
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return p.hasPorts()
        ? new FirewallRule(p, from, to, range)
        : new FirewallRule(p, null, null, range);
  }

  /**
   * Whether some traffic would match both rules: protocols that meet (ALL meets each), ports that
   * meet, and one source range inside the other. A second rule over the same traffic is a
   * duplicate, or half of one; the tenant widens or narrows the first instead.
   */
  public boolean overlaps(FirewallRule other) {
    boolean protocols =
        protocol == other.protocol || protocol == Protocol.ALL || other.protocol == Protocol.ALL;
    boolean ports =
        portFrom == null
            || other.portFrom == null
            || (portFrom <= other.portTo && other.portFrom <= portTo);
    boolean sources = source.contains(other.source) || other.source.contains(source);
    return protocols && ports && sources;
  }

  /** The ports as shown: "22", "8000–8080", or empty for every port. */
  public String ports() {
    if (portFrom == null) {
      return "";
    }
    return portFrom.equals(portTo) ? portFrom.toString() : portFrom + "\u2013" + portTo;
  }

  /** The rule as the provider's security group holds it (inbound). */
  public SecurityGroupRule atProvider() {
    String range =
        portFrom == null
            ? null
            : portFrom.equals(portTo) ? portFrom.toString() : portFrom + ":" + portTo;
    return source.anywhere()
        ? new SecurityGroupRule(protocol.name(), true, range, null, 0)
        : new SecurityGroupRule(protocol.name(), true, range, source.firstAddress(), source.size());
  }
}
