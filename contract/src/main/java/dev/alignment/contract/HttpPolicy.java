package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The operator's rules for http(s) URIs: which hosts and private ranges a trainer may fetch from, and how much. */
@JsonClassDescription("The operator's policy for http(s) URIs. A trainer resolves the host once, refuses loopback, "
    + "link-local, private, carrier-grade NAT, unspecified, multicast and reserved addresses unless allowedCidrs holds "
    + "them, connects to the address it checked, follows at most " + HttpPolicy.MAX_REDIRECTS + " redirects, each "
    + "checked again, and stops after maxBytes.")
public record HttpPolicy(
    @JsonPropertyDescription("Hosts URIs may name (exact, case-insensitive, or *.domain for its subdomains); empty: any "
        + "host whose addresses pass the address rules.")
    List<String> allowedHosts,
    @JsonPropertyDescription("Address ranges (CIDR, e.g. 10.20.0.0/16 or fd00::/8) a URI may reach although they are "
        + "private, loopback or link-local.")
    List<String> allowedCidrs,
    @JsonPropertyDescription("Largest body read from one URI, in bytes (> 0); a larger one fails the stage.")
    long maxBytes) {
  /** The policy of a config without httpPolicy: any public host, no private range, 4 GiB. */
  public static final HttpPolicy DEFAULT = new HttpPolicy(List.of(), List.of(), Defaults.HTTP_MAX_BYTES);
  /** Redirects a fetch follows, each checked like the first URI. */
  public static final int MAX_REDIRECTS = 5;

  public HttpPolicy {
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
  }

  /** Why a host name may not be fetched from, or empty when allowedHosts permits it. */
  public Optional<String> hostRefusal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    boolean allowed = allowedHosts.isEmpty() || allowedHosts.stream().map(a -> a.toLowerCase(Locale.ROOT))
        .anyMatch(a -> a.startsWith("*.") ? h.endsWith(a.substring(1)) : h.equals(a));
    return allowed ? Optional.empty() : Optional.of("host " + host + " is not in the operator's allowed hosts");
  }

  /** Why an address may not be connected to ("a link-local address"), or empty when it may. */
  public Optional<String> addressRefusal(InetAddress address) {
    if (ranges().stream().anyMatch(r -> r.contains(address))) {
      return Optional.empty();
    }
    return AddressRange.REFUSED.stream().filter(r -> r.range().contains(address)).findFirst()
        .map(r -> r.kind() + " address");
  }

  /** allowedCidrs parsed; an entry that is not a range is an {@link IllegalArgumentException} naming it. */
  public List<AddressRange> ranges() {
    return allowedCidrs.stream().map(AddressRange::parse).toList();
  }
}
