package eu.federa.network;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where inbound traffic may come from: an IPv4 network in CIDR notation ({@code 192.0.2.0/24}, a
 * single address without a prefix), or anywhere ({@code 0.0.0.0/0}, also written {@code ::/0},
 * which covers IPv6 too).
 *
 * @param network the network's first address as a 32-bit number
 * @param prefix how many leading bits are fixed, 0 to 32
 */
public record SourceRange(long network, int prefix) {

  public static final SourceRange ANYWHERE = new SourceRange(0, 0);

  private static final Pattern IPV4 =
      Pattern.compile(
          "([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})(?:/([0-9]{1,2}))?");

  /**
   * Reads a source as a user writes it.
   *
   * @throws InvalidInputException naming what is wrong, in field {@code source}
   */
  public static SourceRange parse(String text) {
    String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw refused("firewall.error.sourceEmpty");
    }
    if (s.equals("::/0")) {
      return ANYWHERE;
    }
    if (s.contains(":")) {
      throw refused("firewall.error.ipv6");
    }
    Matcher m = IPV4.matcher(s);
    if (!m.matches()) {
      throw refused("firewall.error.cidr", text.strip());
    }
    long address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
        throw refused("firewall.error.cidr", text.strip());
      }
      address = (address << 8) | octet;
    }
    int prefix = m.group(5) == null ? 32 : Integer.parseInt(m.group(5));
    if (prefix > 32
        || (m.group(5) != null && m.group(5).length() > 1 && m.group(5).startsWith("0"))) {
      throw refused("firewall.error.prefix", text.strip());
    }
    long network = address & mask(prefix);
    if (network != address) {
      throw refused(
          "firewall.error.hostBits", text.strip(), new SourceRange(network, prefix).toString());
    }
    return new SourceRange(network, prefix);
  }

  private static InvalidInputException refused(String key, Object... arguments) {
    return new InvalidInputException(FieldError.of("source", key, arguments));
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  public boolean anywhere() {
    return prefix == 0;
  }

  /** Whether every address of {@code other} is one of this range's. */
  public boolean contains(SourceRange other) {
    return prefix <= other.prefix && (other.network & mask(prefix)) == network;
  }

  /** How many addresses the range holds. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The first address, dotted. */
  public String firstAddress() {
    return (network >> 24 & 255)
        + "."
        + (network >> 16 & 255)
        + "."
        + (network >> 8 & 255)
        + "."
        + (network & 255);
  }

  @Override
  public String toString() {
    return firstAddress() + "/" + prefix;
  }
}
