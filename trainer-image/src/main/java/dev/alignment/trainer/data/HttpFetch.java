package dev.alignment.trainer.data;

import dev.alignment.contract.HttpPolicy;
import dev.alignment.trainer.base.BadInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches an http(s) URI under the operator's {@link HttpPolicy}: the host is resolved once and every address
 * checked (loopback, link-local, private, CGNAT, unspecified, multicast and reserved ranges are refused unless
 * allowedCidrs holds them), the connection goes to those checked addresses (no second lookup a rebinding DNS could
 * answer differently), redirects are followed by hand, at most {@link HttpPolicy#MAX_REDIRECTS}, each checked the
 * same way, and reading stops after maxBytes. Messages name the URI and the rule, never the response body.
 */
public final class HttpFetch {
  private static final String POLICY = ", refused by the operator's http policy";
  private final HttpPolicy policy;
  private final Timeout connectTimeout;
  private final Timeout readTimeout;

  public HttpFetch(HttpPolicy policy, Timeout connectTimeout, Timeout readTimeout) {
    this.policy = policy;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** The policy of this process's stage, 30 s to connect and 60 s without a byte before a read gives up. */
  public static HttpFetch ofStage() {
    return new HttpFetch(UriScope.current().http(), Timeout.ofSeconds(30), Timeout.ofSeconds(60));
  }

  /**
   * The body of {@code uri}, unread; closing it releases the connection. 404 and policy refusals are bad input;
   * other statuses and network failures stay retryable (they are the network's).
   */
  public InputStream open(String uri) throws IOException {
    Map<String, InetAddress[]> checked = new ConcurrentHashMap<>();
    CloseableHttpClient client = client(checked);
    try {
      URI current = parse(uri, uri);
      for (int redirects = 0; ; redirects++) {
        String host = check(uri, current, checked);
        ClassicHttpResponse response = client.executeOpen(null, new HttpGet(current), null);
        int status = response.getCode();
        if (status >= 300 && status < 400 && response.getFirstHeader("Location") != null) {
          Header location = response.getFirstHeader("Location");
          response.close();
          if (redirects == HttpPolicy.MAX_REDIRECTS) {
            throw new BadInputException(uri + ": more than " + HttpPolicy.MAX_REDIRECTS + " redirects" + POLICY);
          }
          current = parse(uri, current.resolve(location.getValue()).toString());
          checked.remove(host);
          continue;
        }
        if (status != 200) {
          response.close();
          if (status == 404) {
            throw new BadInputException(uri + ": not found (HTTP 404)");
          }
          throw new IOException(uri + ": HTTP " + status);
        }
        return body(uri, response, client);
      }
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Checks scheme, host and every address of {@code target}, recording the addresses the connection may use. */
  private String check(String uri, URI target, Map<String, InetAddress[]> checked) throws IOException {
    String where = target.toString().equals(uri) ? uri : uri + ": redirected to " + target + ", which";
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new BadInputException(where + " is not http(s)" + POLICY);
    }
    if (target.getRawUserInfo() != null) {
      throw new BadInputException(where + " carries user information" + POLICY);
    }
    String host = target.getHost();
    if (host == null || host.isEmpty()) {
      throw new BadInputException(where + " names no host");
    }
    Optional<String> hostRefusal = policy.hostRefusal(host);
    if (hostRefusal.isPresent()) {
      throw new BadInputException(where + ": " + hostRefusal.get() + POLICY);
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IOException(where + ": cannot resolve host " + host, e);
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = policy.addressRefusal(address);
      if (refusal.isPresent()) {
        throw new BadInputException(where + " resolves to " + refusal.get() + POLICY);
      }
    }
    checked.put(host, addresses);
    return host;
  }

  private static URI parse(String uri, String target) {
    try {
      return new URI(target);
    } catch (URISyntaxException e) {
      throw new BadInputException(uri + ": '" + target + "' is not a valid URI (" + e.getReason() + ")");
    }
  }

  /** A client that connects only to addresses {@link #check} recorded, and never follows a redirect itself. */
  private CloseableHttpClient client(Map<String, InetAddress[]> checked) {
    DnsResolver pinned = new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = checked.get(host);
        if (addresses == null) {
          throw new UnknownHostException(host + " was not checked against the http policy");
        }
        return Arrays.copyOf(addresses, addresses.length);
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinned)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connectTimeout)
                .setSocketTimeout(readTimeout).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .build();
  }

  private InputStream body(String uri, ClassicHttpResponse response, CloseableHttpClient client) throws IOException {
    HttpEntity entity = response.getEntity();
    long max = policy.maxBytes();
    if (entity != null && entity.getContentLength() > max) {
      response.close();
      throw new BadInputException(uri + ": " + entity.getContentLength() + " bytes, more than the " + max
          + " bytes" + POLICY);
    }
    InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
    return new Capped(uri, in, max, List.of(response, client));
  }

  /** A body that fails once it passes maxBytes, and closes its response and client with itself. */
  private static final class Capped extends FilterInputStream {
    private final String uri;
    private final long max;
    private final List<AutoCloseable> owners;
    private long read;

    Capped(String uri, InputStream in, long max, List<AutoCloseable> owners) {
      super(in);
      this.uri = uri;
      this.max = max;
      this.owners = new ArrayList<>(owners);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(n);
      return n;
    }

    private void count(int n) {
      if (n > 0) {
        read += n;
        if (read > max) {
          throw new BadInputException(uri + ": more than " + max + " bytes" + POLICY);
        }
      }
    }

    @Override
    public void close() throws IOException {
      // Closing the response without reading the rest ends the connection instead of draining it.
      IOException failure = null;
      for (AutoCloseable owner : owners) {
        try {
          owner.close();
        } catch (Exception e) {
          failure = failure == null ? new IOException("closing " + uri, e) : failure;
        }
      }
      super.close();
      if (failure != null) {
        throw failure;
      }
    }
  }
}
