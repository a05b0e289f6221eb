package dev.alignment.operator.uri;

import dev.alignment.contract.HttpPolicy;
import dev.alignment.operator.config.OperatorConfig;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which URIs a resource may name: {@code run://} only runs of its own namespace, {@code file://} only under its
 * namespace's workspace root, {@code http(s)://} only as the operator's http policy allows (the trainer checks the
 * resolved addresses again), {@code s3://} at the operator's endpoint with the tenant's own credentials. A refusal is an IllegalArgumentException naming the field, which fails the resource
 * as InvalidSpec.
 */
public record UriPolicy(HttpPolicy http, String s3Endpoint) {
  /** The policy of the operator's config (httpAllowedHosts, httpAllowedCidrs, httpMaxBytes, s3Endpoint). */
  public static UriPolicy of(OperatorConfig config) {
    HttpPolicy http = new HttpPolicy(config.httpAllowedHosts(), config.httpAllowedCidrs(), config.httpMaxBytes());
    try {
      http.ranges();
    } catch (IllegalArgumentException e) {
      // The operator's own setting, not the resource's: not an invalid spec.
      throw new IllegalStateException("operator config httpAllowedCidrs: " + e.getMessage(), e);
    }
    return new UriPolicy(http, config.s3Endpoint() == null || config.s3Endpoint().isBlank() ? null : config.s3Endpoint());
  }

  /** Refuses {@code uri} unless its scheme is one of {@code allowed} and it stays within the namespace's reach. */
  public void check(String field, String uri, String namespace, Set<UriKind> allowed) {
    if (uri == null) {
      return;
    }
    UriKind kind = UriKind.of(uri);
    if (kind == null || !allowed.contains(kind)) {
      throw new IllegalArgumentException(field + ": '" + uri + "' must be a "
          + allowed.stream().map(UriKind::prefix).collect(Collectors.joining(", ")) + " URI");
    }
    switch (kind) {
      case FILE -> WorkspacePaths.check(field, uri, namespace);
      case RUN -> RunUris.parse(field, uri);
      case HTTP, HTTPS -> HttpUris.check(field, uri, http);
      case BUILTIN, S3 -> { }
    }
  }
}
