package dev.alignment.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpPolicyTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1 | a loopback address", "127.255.0.9 | a loopback address", "::1 | a loopback address",
      "169.254.169.254 | a link-local address", "fe80::1 | a link-local address", "febf::1 | a link-local address",
      "10.96.0.1 | a private address", "172.16.0.1 | a private address", "172.31.255.255 | a private address",
      "192.168.0.1 | a private address", "fc00::1 | a private address", "fdff::1 | a private address",
      "100.64.0.1 | a carrier-grade NAT address", "100.127.255.255 | a carrier-grade NAT address",
      "0.0.0.0 | an unspecified address", ":: | an unspecified address", "224.0.0.251 | a multicast address",
      "ff02::1 | a multicast address", "255.255.255.255 | a reserved address", "::ffff:192.168.1.1 | a private address",
      "64:ff9b::a00:1 | a NAT64 address",
  })
  void theDefaultPolicyRefusesNonPublicAddresses(String address, String kind) throws UnknownHostException {
    assertThat(HttpPolicy.DEFAULT.addressRefusal(InetAddress.getByName(address))).contains(kind);
  }

  @ParameterizedTest
  @CsvSource({"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700::1111"})
  void publicAddressesPass(String address) throws UnknownHostException {
    assertThat(HttpPolicy.DEFAULT.addressRefusal(InetAddress.getByName(address))).isEmpty();
  }

  @Test
  void allowedCidrsExemptTheirRangesOnly() throws UnknownHostException {
    HttpPolicy policy = new HttpPolicy(List.of(), List.of("10.20.0.0/16", "fd00::/8", "127.0.0.1"), 1);

    assertThat(policy.addressRefusal(InetAddress.getByName("10.20.255.1"))).isEmpty();
    assertThat(policy.addressRefusal(InetAddress.getByName("fd12::1"))).isEmpty();
    assertThat(policy.addressRefusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
    assertThat(policy.addressRefusal(InetAddress.getByName("127.0.0.2"))).contains("a loopback address");
    assertThat(policy.addressRefusal(InetAddress.getByName("10.21.0.1"))).contains("a private address");
  }

  @Test
  void allowedHostsAreExactOrWholeSubdomains() {
    HttpPolicy policy = new HttpPolicy(List.of("Data.Example.com", "*.corp.example"), List.of(), 1);

    assertThat(policy.hostRefusal("data.example.com")).isEmpty();
    assertThat(policy.hostRefusal("a.b.corp.example")).isEmpty();
    assertThat(policy.hostRefusal("evilcorp.example")).contains("host evilcorp.example is not in the operator's allowed hosts");
    assertThat(policy.hostRefusal("data.example.com.evil")).isPresent();
    assertThat(HttpPolicy.DEFAULT.hostRefusal("anything.example")).isEmpty();
  }

  @Test
  void rangesAndLiteralsParseStrictly() {
    assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessage("'10.0.0.0/33': the prefix length must be 0 to 32");
    assertThatThrownBy(() -> AddressRange.parse("example.com/8")).hasMessageContaining("is not an address range");
    assertThatThrownBy(() -> AddressRange.parse("10.0.0/8")).hasMessageContaining("is not an address range");
    assertThat(AddressRange.literal("example.com")).isEmpty();
    assertThat(AddressRange.literal("[::1]")).isPresent();
    assertThat(AddressRange.literal("127.1")).isEmpty();
  }
}
