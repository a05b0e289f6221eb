package dev.alignment.trainer.storage;

import dev.alignment.contract.Defaults;
import dev.alignment.trainer.base.BadInputException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How a stage reaches {@code s3://}: the operator's endpoint (absent: AWS's own) and the standard AWS variables of the
 * stage's environment, which the operator fills from the resource's Secret. Its {@code toString} shows no secret.
 *
 * @param endpoint the S3-compatible server, addressed path-style; null for AWS, addressed virtual-hosted style
 */
public record S3Settings(URI endpoint, Region region, AwsCredentialsProvider credentials) {
  static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
  static final String REGION = "AWS_REGION";
  static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";

  /**
   * The settings of a stage whose config names {@code endpoint} (null or blank: AWS). Without an access key pair the
   * requests are anonymous (public buckets); half a pair is bad input naming the missing variable.
   */
  public static S3Settings of(Map<String, String> env, String endpoint) {
    String id = value(env, ACCESS_KEY_ID).orElse(null);
    String secret = value(env, SECRET_ACCESS_KEY).orElse(null);
    if ((id == null) != (secret == null)) {
      throw new BadInputException("s3 credentials: " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " go together; "
          + (id == null ? ACCESS_KEY_ID : SECRET_ACCESS_KEY) + " is not set");
    }
    String region = value(env, REGION).or(() -> value(env, DEFAULT_REGION)).orElse(Defaults.S3_REGION);
    return new S3Settings(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint), Region.of(region),
        id == null ? AnonymousCredentialsProvider.create() : StaticCredentialsProvider.create(pair(id, secret, env)));
  }

  private static AwsCredentials pair(String id, String secret, Map<String, String> env) {
    return value(env, SESSION_TOKEN).<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
        .orElseGet(() -> AwsBasicCredentials.create(id, secret));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  @Override
  public String toString() {
    return "S3Settings[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region + "]";
  }
}
