package dev.alignment.api.v1alpha1;

/**
 * CEL rules of URI fields: what admission can refuse without knowing the namespace or resolving a host. The operator
 * checks the rest (a file:// path under the resource's own namespace, http(s) addresses against its policy) and
 * fails the resource naming the field.
 */
public final class UriRules {
  /** A run:// URI: a resource name (DNS-1123 subdomain, so no "..") and a stage that writes a model. */
  static final String RUN = "run://[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/(sft|dpo|ppo|reward)$";

  static final String FILE_RULE = "!self.startsWith('file:') || "
      + "(self.matches('^file:///workspace/[a-z0-9]([-a-z0-9]*[a-z0-9])?/.') "
      + "&& !self.matches('(?i)^file://.*(//|/(%2e|[.])(%2e|[.])?(/|$)|%2f)'))";
  static final String FILE_MESSAGE = "a file:// uri must be file:///workspace/<namespace>/<path>, the resource's own "
      + "namespace, with no empty, '.' or '..' segments and no %2F";

  static final String HTTP_RULE = "!self.matches('^https?:') || self.matches('^https?://[^/?#@ ]+([/?#].*)?$')";
  static final String HTTP_MESSAGE = "an http(s) uri must name a host and carry no user information (user:password@)";

  /** An s3:// URI: a bucket name as S3 allows it, then a key. */
  static final String S3_RULE = "!self.startsWith('s3:') || self.matches('^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+')";
  static final String S3_MESSAGE = "an s3 uri must be s3://<bucket>/<key>";

  private UriRules() {}
}
