package dev.alignment.operator.uri;

import dev.alignment.contract.AddressRange;
import dev.alignment.contract.HttpPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What the operator decides about an http(s) URI without DNS: it parses, names a host, carries no credentials, and
 * its host, if an IP literal or a name, passes the http policy. The trainer checks the addresses a name resolves to.
 */
final class HttpUris {
  private HttpUris() {}

  static void check(String field, String uri, HttpPolicy policy) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw refused(field, uri, "is not a valid URI (" + e.getReason() + ")");
    }
    if (parsed.getRawUserInfo() != null) {
      throw refused(field, uri, "carries user information; credentials do not belong in a URI");
    }
    String host = parsed.getHost();
    if (host == null || host.isEmpty()) {
      throw refused(field, uri, "names no host");
    }
    Optional<byte[]> literal = AddressRange.literal(host);
    Optional<String> why = literal.isPresent()
        ? policy.addressRefusal(address(literal.get())).map(kind -> "names " + kind)
        : policy.hostRefusal(host);
    if (why.isPresent()) {
      throw refused(field, uri, why.get() + ", refused by the operator's http policy");
    }
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
    }
  }

  private static IllegalArgumentException refused(String field, String uri, String why) {
    return new IllegalArgumentException(field + ": '" + uri + "' " + why);
  }
}
