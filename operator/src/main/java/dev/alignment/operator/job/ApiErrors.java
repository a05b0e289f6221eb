package dev.alignment.operator.job;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The API server's own words for a refused request, without the client's request dump around them. */
public final class ApiErrors {
  private ApiErrors() {}

  public static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
      return e.getStatus().getMessage();
    }
    return e.getMessage() == null ? "HTTP " + e.getCode() : e.getMessage();
  }
}
