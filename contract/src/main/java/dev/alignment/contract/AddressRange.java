package dev.alignment.contract;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An IP address range in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}) that an address is in or not. */
public record AddressRange(String cidr, byte[] network, int prefixLength) {
  /**
   * The ranges a trainer never fetches from unless the operator's policy allows them: loopback, link-local,
   * private, carrier-grade NAT, unspecified, multicast and reserved addresses, and IPv6 forms that embed IPv4 ones.
   */
  public static final List<Named> REFUSED = List.of(
      named("0.0.0.0/8", "an unspecified"),
      named("127.0.0.0/8", "a loopback"),
      named("169.254.0.0/16", "a link-local"),
      named("10.0.0.0/8", "a private"),
      named("172.16.0.0/12", "a private"),
      named("192.168.0.0/16", "a private"),
      named("100.64.0.0/10", "a carrier-grade NAT"),
      named("192.0.0.0/24", "a reserved"),
      named("198.18.0.0/15", "a reserved"),
      named("224.0.0.0/4", "a multicast"),
      named("240.0.0.0/4", "a reserved"),
      named("::/128", "an unspecified"),
      named("::1/128", "a loopback"),
      named("::/96", "an IPv4-compatible"),
      named("64:ff9b::/96", "a NAT64"),
      named("2002::/16", "a 6to4"),
      named("fe80::/10", "a link-local"),
      named("fec0::/10", "a site-local"),
      named("fc00::/7", "a private"),
      named("ff00::/8", "a multicast"));

  /** A refused range and the kind of address it holds, as an error message says it. */
  public record Named(AddressRange range, String kind) {}

  /** Parses {@code address/prefix}; a bare address is the range of that one address. */
  public static AddressRange parse(String cidr) {
    if (cidr == null || cidr.isBlank()) {
      throw new IllegalArgumentException("an address range must not be empty");
    }
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    byte[] bytes = literal(address)
        .orElseThrow(() -> new IllegalArgumentException("'" + cidr + "' is not an address range like 10.0.0.0/8 or fc00::/7"));
    int bits = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("'" + cidr + "': the prefix length must be 0 to " + bits);
    }
    return new AddressRange(cidr, bytes, prefix);
  }

  /**
   * The bytes of an IP literal (dotted IPv4 with four parts, or IPv6 with or without brackets); empty for anything
   * else, host names included: this never looks a name up.
   */
  public static Optional<byte[]> literal(String text) {
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = s.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(s).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static Named named(String cidr, String kind) {
    return new Named(parse(cidr), kind);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    return cidr;
  }
}
