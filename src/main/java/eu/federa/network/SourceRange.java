package eu.federa.network;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where inbound traffic may come from: an IPv4 or IPv6 network in CIDR notation ({@code
 * 192.0.2.0/24}, {@code 2001:db8::/112}; a single address without a prefix), or anywhere ({@code
 * 0.0.0.0/0}, also written {@code ::/0}, which covers both).
 *
 * <p>OpenNebula writes a rule's range as its first address and its size, a 32-bit unsigned number:
 * an IPv6 range can hold at most 2^31 addresses there, so its prefix is /97 or longer.
 *
 * @param network the network's first address as a number
 * @param prefix how many leading bits are fixed: 0 to 32, or to 128 for IPv6
 * @param ipv6 whether it is an IPv6 range (anywhere is neither)
 */
public record SourceRange(BigInteger network, int prefix, boolean ipv6) {

  public static final SourceRange ANYWHERE = new SourceRange(BigInteger.ZERO, 0, false);

  /** The shortest IPv6 prefix OpenNebula's rules can hold (2^31 addresses). */
  public static final int SHORTEST_IPV6_PREFIX = 97;

  private static final Pattern IPV4 =
      Pattern.compile(
          "([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})(?:/([0-9]{1,3}))?");

  private static final Pattern IPV6 = Pattern.compile("([0-9a-f:.]{2,45})(?:/([0-9]{1,3}))?");

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
    if (s.equals("::/0") || s.equals("0.0.0.0/0")) {
      return ANYWHERE;
    }
    return s.contains(":") ? parseIpv6(s, text.strip()) : parseIpv4(s, text.strip());
  }

  private static SourceRange parseIpv4(String s, String written) {
    Matcher m = IPV4.matcher(s);
    if (!m.matches()) {
      throw refused("firewall.error.cidr", written);
    }
    long address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
        throw refused("firewall.error.cidr", written);
      }
      address = (address << 8) | octet;
    }
    int prefix = prefix(m.group(5), 32, written);
    return checked(BigInteger.valueOf(address), prefix, false, written);
  }

  private static SourceRange parseIpv6(String s, String written) {
    Matcher m = IPV6.matcher(s);
    if (!m.matches() || m.group(1).startsWith(":::") || m.group(1).contains(".")) {
      throw refused("firewall.error.cidr6", written);
    }
    BigInteger address;
    try {
      // Only a literal gets here (hex digits and colons): nothing is looked up.
      address = new BigInteger(1, InetAddress.getByName(m.group(1)).getAddress());
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw refused("firewall.error.cidr6", written);
    }
    if (address.bitLength() > 128 || m.group(1).chars().filter(c -> c == ':').count() > 7) {
      throw refused("firewall.error.cidr6", written);
    }
    int prefix = prefix(m.group(2), 128, written);
    if (prefix == 0) {
      return checked(address, 0, true, written);
    }
    if (prefix < SHORTEST_IPV6_PREFIX) {
      throw refused("firewall.error.ipv6Prefix", written, SHORTEST_IPV6_PREFIX);
    }
    return checked(address, prefix, true, written);
  }

  private static int prefix(String group, int bits, String written) {
    if (group == null) {
      return bits;
    }
    int prefix = Integer.parseInt(group);
    if (prefix > bits || (group.length() > 1 && group.startsWith("0"))) {
      throw refused("firewall.error.prefix", written, bits);
    }
    return prefix;
  }

  private static SourceRange checked(BigInteger address, int prefix, boolean ipv6, String written) {
    BigInteger network = address.and(mask(prefix, ipv6));
    if (!network.equals(address)) {
      throw refused(
          "firewall.error.hostBits", written, new SourceRange(network, prefix, ipv6).toString());
    }
    return prefix == 0 ? ANYWHERE : new SourceRange(network, prefix, ipv6);
  }

  private static InvalidInputException refused(String key, Object... arguments) {
    return new InvalidInputException(FieldError.of("source", key, arguments));
  }

  private static int bits(boolean ipv6) {
    return ipv6 ? 128 : 32;
  }

  private static BigInteger mask(int prefix, boolean ipv6) {
    int bits = bits(ipv6);
    BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    BigInteger host = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    return all.xor(host);
  }

  public boolean anywhere() {
    return prefix == 0;
  }

  /** Whether every address of {@code other} is one of this range's. */
  public boolean contains(SourceRange other) {
    if (anywhere()) {
      return true;
    }
    return ipv6 == other.ipv6
        && prefix <= other.prefix
        && other.network.and(mask(prefix, ipv6)).equals(network);
  }

  /** How many addresses the range holds (at most 2^32: anywhere in IPv4). */
  public long size() {
    return 1L << (bits(ipv6) - prefix);
  }

  /** The first address, as OpenNebula reads it: dotted, or IPv6 in its shortest form. */
  public String firstAddress() {
    if (!ipv6) {
      long n = network.longValue();
      return (n >> 24 & 255) + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = network.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
    }
    // RFC 5952: the longest run (two or more) of zero groups, the first of equals, becomes "::".
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return firstAddress() + "/" + prefix;
  }
}
